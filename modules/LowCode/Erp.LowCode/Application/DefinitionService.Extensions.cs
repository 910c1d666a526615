using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.LowCode.Application;

/// <summary>Extra fields of modules' and plugins' entities: changed as an entity's fields are, on the owner's table.</summary>
internal sealed partial class DefinitionService
{
    public async Task<IReadOnlyList<EntityExtensionDto>> ExtensionsAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Extensions.AsNoTracking().ToDictionaryAsync(e => e.Entity, StringComparer.Ordinal, cancellationToken);
        return [.. extensions.Owners.Values.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => ToDto(o, stored.GetValueOrDefault(o.Name)))];
    }

    public async Task<EntityExtensionDto> ExtensionAsync(string entity, CancellationToken cancellationToken) =>
        ToDto(Owner(entity), await db.Extensions.AsNoTracking().FirstOrDefaultAsync(e => e.Entity == entity, cancellationToken));

    /// <summary>
    /// Brings the entity's extra fields to <paramref name="request"/>: checked, planned and applied on the owner's table in one
    /// transaction under the schema lock, as an entity's change is; indexes of a table with rows are built after the commit.
    /// </summary>
    public Task<EntityExtensionDto> SaveExtensionAsync(string entity, SaveEntityExtensionRequest request, CancellationToken cancellationToken) =>
        UnderSchemaLockAsync(async () =>
        {
            var applied = await db.InTransactionAsync(() => ApplyExtensionAsync(entity, request, importing: false, cancellationToken), cancellationToken);
            await AfterCommitAsync([applied], cancellationToken);
            return ToDto(applied.Owner, applied.Extension);
        }, cancellationToken);

    /// <summary>What applying one extension did, for the work after the commit and the import's answer.</summary>
    private sealed record AppliedExtension(ExtensibleEntityDefinition Owner, EntityExtension Extension, ImportOutcome Outcome, IReadOnlyList<string> Statements,
        IReadOnlyList<string> AfterCommit, bool PermissionsChanged);

    // One extension checked, planned and applied in the caller's transaction; an import leaves an equal one as it is.
    private async Task<AppliedExtension> ApplyExtensionAsync(string entity, SaveEntityExtensionRequest request, bool importing, CancellationToken cancellationToken)
    {
        var owner = Owner(entity);
        var current = await db.Extensions.FirstOrDefaultAsync(e => e.Entity == entity, cancellationToken);
        if (!importing && (current?.Revision ?? 0) != request.Version) throw new DbUpdateConcurrencyException($"{entity}'s extra fields are at revision {current?.Revision ?? 0}.");
        var reserved = await keywords.ReservedAsync(db, cancellationToken);
        var entities = await db.Entities.AsNoTracking().ToListAsync(cancellationToken);
        var takenIds = importing
            ? entities.SelectMany(e => e.Fields).SelectMany(f => f.WithLineFields())
                .Concat((await db.Extensions.AsNoTracking().Where(e => e.Entity != entity).ToListAsync(cancellationToken)).SelectMany(e => e.Fields))
                .Select(f => f.Id).ToHashSet()
            : null;
        var (fields, workflow, automations, errors) = DefinitionRules.CheckExtension(entity, request, current?.Fields ?? [], reserved,
            entities.Select(e => e.Name).ToHashSet(StringComparer.Ordinal), extensions.Owners, EventsOf(entity), takenIds);
        if (errors.Count > 0) throw new InvalidFieldsException(errors);
        if (current is not null && importing && Canonical(current.Fields, current.Workflow, current.Automations) == Canonical(fields, workflow, automations))
            return new AppliedExtension(owner, current, ImportOutcome.Unchanged, [], [], false);

        var plan = SchemaPlanner.PlanExtension(EntityExtension.TableOf(owner), EntityExtension.Columns(current?.Fields ?? []), EntityExtension.Columns(fields),
            current?.Workflow, workflow);
        await RunPlanAsync(plan, cancellationToken);
        var transitionsBefore = Transitions(current);
        var changed = current ?? db.Extensions.Add(EntityExtension.New(entity)).Entity;
        changed.Apply(fields, workflow, automations);
        await db.SaveChangesAsync(cancellationToken);
        return new AppliedExtension(owner, changed, current is null ? ImportOutcome.Created : ImportOutcome.Changed, plan.Statements, plan.AfterCommit,
            !Transitions(changed).SequenceEqual(transitionsBefore));
    }

    // After the commit: new transitions bring permissions, every instance serves the new revisions at once, and again after
    // the index builds, which may take a field's rule back.
    private async Task AfterCommitAsync(IReadOnlyList<AppliedExtension> applied, CancellationToken cancellationToken)
    {
        if (applied.Any(a => a.PermissionsChanged)) await permissions.ChangedAsync(CancellationToken.None);
        foreach (var changed in applied.Where(a => a.Outcome != ImportOutcome.Unchanged)) await extensions.ChangedAsync(changed.Extension.Entity);
        try
        {
            foreach (var extension in applied)
            {
                foreach (var statement in extension.AfterCommit) await BuildExtensionIndexAsync(extension.Owner, extension.Extension, statement, cancellationToken);
            }
        }
        finally
        {
            foreach (var built in applied.Where(a => a.AfterCommit.Count > 0)) await extensions.ChangedAsync(built.Extension.Entity);
        }
    }

    // As an entity's (BuildIndexAsync): a concurrent build that fails leaves an invalid index, which goes, and the field's rule with it.
    private async Task BuildExtensionIndexAsync(ExtensibleEntityDefinition owner, EntityExtension extension, string statement, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(statement, scalar: false, cancellationToken);
        }
        catch (Npgsql.PostgresException failed)
        {
            var field = extension.Fields.First(f => statement.Contains($"{f.Id:N}", StringComparison.Ordinal));
            await RunAsync($"DROP INDEX CONCURRENTLY IF EXISTS {SchemaPlanner.IndexName(field, $"\"{owner.Schema}\"")}", scalar: false, CancellationToken.None);
            await db.InTransactionAsync(async () =>
            {
                extension.Apply([.. extension.Fields.Select(f => f.WithoutIndex(field.Id))], extension.Workflow, extension.Automations);
                await db.SaveChangesAsync(CancellationToken.None);
            }, CancellationToken.None);
            throw new BusinessRuleException(LowCodeErrors.IndexFailed, field.Name, failed.MessageText);
        }
    }

    // The permissions the extension's workflow brings: one per transition, named and labelled.
    private static string[] Transitions(EntityExtension? extension) => [.. (extension?.Workflow?.Transitions ?? []).Select(t => $"{t.Name}:{t.Label}")];

    private ExtensibleEntityDefinition Owner(string entity) =>
        extensions.Owners.GetValueOrDefault(entity) ?? throw new NotFoundException(LowCodeErrors.ExtensibleNotFound, entity);

    private EntityExtensionDto ToDto(ExtensibleEntityDefinition owner, EntityExtension? extension) =>
        new(owner.Name, owner.Label, EntityExtension.TableOf(owner), extension?.Revision ?? 0, [.. (extension?.Fields ?? []).Select(ToDto)], ToDto(extension?.Workflow),
            extension?.Automations ?? [], [.. recordEvents.Where(e => e.Entity == owner.Name).OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => new RecordEventDto(e.Name, e.Label))]);

    // The events modules and plugins tell of the entity's rows, which its automations may name.
    private HashSet<string> EventsOf(string entity) => recordEvents.Where(e => e.Entity == entity).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
}
