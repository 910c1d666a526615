using System.Text.Json;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;

namespace Erp.LowCode.Application;

/// <summary>
/// Defines and changes low-code entities. A change is checked, planned (<see cref="SchemaPlanner"/>), and applied in one
/// transaction under one advisory lock for all definitions: the checks that must find no offending row, the DDL, the
/// new definition and its revision commit together or not at all, and two instances never change schemas at once.
/// </summary>
internal sealed partial class DefinitionService(
    LowCodeDbContext db, PostgresKeywords keywords, IPermissionCatalog permissions, EntityModels models, LowCodeMenuSource menu, ICurrentUser caller, TimeProvider clock,
    IConfiguration configuration, ExtensionModels extensions, IEnumerable<RecordEventDefinition> recordEvents)
{
    // One lock for every definition change: references cross entities, and changes are rare.
    private const long SchemaLock = 0x4C6F77436F6465; // "LowCode"

    public async Task<IReadOnlyList<EntityDefinitionDto>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.Entities.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<EntityDefinitionDto> GetAsync(string name, CancellationToken cancellationToken) =>
        ToDto(await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, cancellationToken)
              ?? throw new NotFoundException(LowCodeErrors.EntityNotFound, name));

    /// <summary>What <see cref="SaveAsync"/> would run, without running it.</summary>
    public async Task<SchemaPlanDto> PlanAsync(string name, SaveEntityDefinitionRequest request, CancellationToken cancellationToken)
    {
        var current = await db.Entities.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, cancellationToken);
        var shape = await CheckedAsync(name, request, current, importing: false, cancellationToken);
        var plan = SchemaPlanner.Plan(current, name, shape, CompanyRowSecurity.IsEnabled(configuration));
        return new SchemaPlanDto(name, current?.Revision ?? 0, (current?.Revision ?? 0) + 1, plan.Statements, plan.AfterCommit);
    }

    /// <summary>
    /// Creates the entity (its table) or changes it to <paramref name="request"/>, based on the revision the request
    /// names. Indexes on a table that has rows are built concurrently after the commit, still under the lock; one whose
    /// build fails (rows that broke a new unique rule meanwhile) is dropped, and the field goes back to having none.
    /// </summary>
    public Task<EntityDefinitionDto> SaveAsync(string name, SaveEntityDefinitionRequest request, CancellationToken cancellationToken) =>
        UnderSchemaLockAsync(async () =>
        {
            var applied = await db.InTransactionAsync(() => ApplyAsync(name, request, importing: false, cancellationToken), cancellationToken);
            await AfterCommitAsync([applied], cancellationToken);
            return ToDto(applied.Entity);
        }, cancellationToken);

    /// <summary>
    /// Brings the entities <paramref name="document"/> names to its definitions, in one transaction under the schema lock:
    /// all of them or none. New entities are created (one that refers to an entity the import creates after it, first
    /// without those references, which its second revision adds), changed ones are changed, equal ones keep their
    /// revision; entities the document does not name are left alone. A dry run does all of it and rolls back, so its
    /// statements and refusals are those the import would meet.
    /// </summary>
    public Task<ImportResultDto> ImportAsync(DefinitionsDocument document, bool dryRun, CancellationToken cancellationToken)
    {
        if (document.Format != DefinitionsDocument.CurrentFormat) throw new InvalidFieldsException("format", LowCodeErrors.DocumentFormatUnknown, document.Format);
        var duplicate = document.Entities.Select((e, i) => (e.Name, i)).Where(e => document.Entities.Take(e.i).Any(before => before.Name == e.Name)).ToList();
        if (duplicate.Count > 0) throw new InvalidFieldsException($"entities[{duplicate[0].i}].name", LowCodeErrors.DuplicateName, duplicate[0].Name);
        var extended = document.Extensions ?? [];
        for (var i = 0; i < extended.Count; i++)
        {
            if (!extensions.Owners.ContainsKey(extended[i].Entity)) throw new InvalidFieldsException($"extensions[{i}].entity", LowCodeErrors.ExtensibleNotFound, extended[i].Entity);
            if (extended.Take(i).Any(e => e.Entity == extended[i].Entity)) throw new InvalidFieldsException($"extensions[{i}].entity", LowCodeErrors.DuplicateName, extended[i].Entity);
        }

        return UnderSchemaLockAsync(async () =>
        {
            var applied = new Applied[document.Entities.Count];
            var appliedExtensions = new AppliedExtension[extended.Count];
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var existing = (await db.Entities.Select(e => e.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
                var deferred = new List<int>();
                for (var i = 0; i < document.Entities.Count; i++)
                {
                    var (name, definition) = document.Entities[i];
                    var later = document.Entities.Skip(i + 1).Select(e => e.Name).Where(n => n != name && !existing.Contains(n)).ToHashSet(StringComparer.Ordinal);
                    var first = WithoutReferencesTo(definition, later);
                    if (first != definition) deferred.Add(i);
                    applied[i] = await EntryAsync($"entities[{i}]", () => ApplyAsync(name, first, importing: true, cancellationToken));
                    existing.Add(name);
                }

                foreach (var i in deferred)
                {
                    var second = await EntryAsync($"entities[{i}]", () => ApplyAsync(document.Entities[i].Name, document.Entities[i].Definition, importing: true, cancellationToken));
                    applied[i] = applied[i].Then(second);
                }

                // After the entities, which their fields may refer to.
                for (var i = 0; i < extended.Count; i++)
                {
                    var (entity, definition) = extended[i];
                    appliedExtensions[i] = await EntryAsync($"extensions[{i}]", () => ApplyExtensionAsync(entity, definition, importing: true, cancellationToken));
                }

                if (dryRun) await transaction.RollbackAsync(cancellationToken);
                else await transaction.CommitAsync(cancellationToken);
            }

            if (!dryRun)
            {
                await AfterCommitAsync(applied, cancellationToken);
                await AfterCommitAsync(appliedExtensions, cancellationToken);
            }

            return new ImportResultDto(dryRun,
                [.. applied.Select(a => new ImportedEntityDto(a.Entity.Name, a.Outcome, a.Entity.Revision, [.. a.Statements, .. a.AfterCommit]))],
                [.. appliedExtensions.Select(a => new ImportedEntityDto(a.Extension.Entity, a.Outcome, a.Extension.Revision, [.. a.Statements, .. a.AfterCommit]))]);
        }, cancellationToken);

        // A refusal names the entry of the document it is about (entities[i], extensions[i]).
        static async Task<T> EntryAsync<T>(string entry, Func<Task<T>> apply)
        {
            try
            {
                return await apply();
            }
            catch (InvalidFieldsException invalid)
            {
                throw new InvalidFieldsException(invalid.Errors.ToDictionary(e => e.Key == "name" ? $"{entry}.name" : $"{entry}.definition.{e.Key}", e => e.Value));
            }
        }
    }

    /// <summary>
    /// The definitions of <paramref name="names"/> (null for every entity and extension) as a document for <see cref="ImportAsync"/>:
    /// hidden fields left out (an import hides what it does not name), entities referred to before those referring to them,
    /// the extra fields of modules' and plugins' entities after them all.
    /// </summary>
    public async Task<DefinitionsDocument> ExportAsync(IReadOnlyList<string>? names, CancellationToken cancellationToken)
    {
        var all = await db.Entities.AsNoTracking().OrderBy(e => e.Name).ToListAsync(cancellationToken);
        var unknown = names?.FirstOrDefault(n => all.All(e => e.Name != n) && !extensions.Owners.ContainsKey(n));
        if (unknown is not null) throw new NotFoundException(LowCodeErrors.EntityNotFound, unknown);
        var chosen = all.Where(e => names is null || names.Contains(e.Name)).ToDictionary(e => e.Name, StringComparer.Ordinal);
        var ordered = new List<EntityDefinition>();
        void Visit(EntityDefinition entity)
        {
            if (ordered.Contains(entity) || !chosen.Remove(entity.Name)) return;
            foreach (var target in entity.Fields.SelectMany(f => f.WithLineFields()).Select(f => f.References).OfType<string>())
            {
                if (chosen.TryGetValue(target, out var referred)) Visit(referred);
            }

            ordered.Add(entity);
        }

        foreach (var entity in all) Visit(entity);
        var extended = await db.Extensions.AsNoTracking().OrderBy(e => e.Entity).ToListAsync(cancellationToken);
        return new DefinitionsDocument(DefinitionsDocument.CurrentFormat, [.. ordered.Select(e => new DocumentEntity(e.Name, new SaveEntityDefinitionRequest(
            e.Label, e.PluralLabel, e.DisplayField, e.Icon, [.. e.Fields.Where(f => !f.Deleted).Select(Visible)], e.Revision, [.. e.RecordRules.Select(ToDto)], ToDto(e.Workflow), e.Ui,
            e.Automations)))], [.. extended.Where(e => extensions.Owners.ContainsKey(e.Entity) && (names is null || names.Contains(e.Entity))).Select(e => new DocumentExtension(
            e.Entity, new SaveEntityExtensionRequest([.. e.Fields.Where(f => !f.Deleted).Select(ToDto)], e.Revision, ToDto(e.Workflow), e.Automations)))]);

        static FieldDefinitionDto Visible(FieldDefinition field) => ToDto(field) with { Fields = field.HasColumn ? null : [.. field.Fields.Where(f => !f.Deleted).Select(ToDto)] };
    }

    // An imported definition without the fields that refer to entities in <later> (nor its display field or record rules,
    // which may name them): what can be created before those entities exist.
    private static SaveEntityDefinitionRequest WithoutReferencesTo(SaveEntityDefinitionRequest definition, IReadOnlySet<string> later)
    {
        bool RefersLater(FieldDefinitionDto field) => field.References is { } target && later.Contains(target) || (field.Fields ?? []).Any(RefersLater);
        if (!definition.Fields.Any(RefersLater)) return definition;
        var fields = definition.Fields.Where(f => !RefersLater(f)).ToList();
        return definition with { Fields = fields, DisplayField = fields.Any(f => f.Name == definition.DisplayField) ? definition.DisplayField : null, RecordRules = null };
    }

    /// <summary>What applying one definition did, for the work after the commit and the import's answer.</summary>
    private sealed record Applied(EntityDefinition Entity, ImportOutcome Outcome, IReadOnlyList<string> Statements, IReadOnlyList<string> AfterCommit, bool PermissionsChanged)
    {
        /// <summary>This, then a second revision of the same entity.</summary>
        public Applied Then(Applied next) => new(next.Entity, Outcome == ImportOutcome.Unchanged ? next.Outcome : Outcome, [.. Statements, .. next.Statements],
            [.. AfterCommit, .. next.AfterCommit], PermissionsChanged || next.PermissionsChanged);
    }

    // One definition checked, planned and applied in the caller's transaction: the checks that must find no offending row,
    // the DDL, the new definition and its revision. An import leaves an equal definition as it is (no new revision).
    private async Task<Applied> ApplyAsync(string name, SaveEntityDefinitionRequest request, bool importing, CancellationToken cancellationToken)
    {
        var current = await db.Entities.FirstOrDefaultAsync(e => e.Name == name, cancellationToken);
        if (!importing && (current?.Revision ?? 0) != request.Version) throw new DbUpdateConcurrencyException($"Entity {name} is at revision {current?.Revision ?? 0}.");
        var permissionsBefore = current is null ? [] : DataPermissions.Of(current);
        var shape = await CheckedAsync(name, request, current, importing, cancellationToken);
        if (current is not null && importing && SameShape(current.Shape, shape)) return new Applied(current, ImportOutcome.Unchanged, [], [], false);

        var plan = SchemaPlanner.Plan(current, name, shape, CompanyRowSecurity.IsEnabled(configuration));
        await RunPlanAsync(plan, cancellationToken);
        var entity = current ?? db.Entities.Add(EntityDefinition.New(name)).Entity;
        entity.Apply(shape);
        await RecordAsync(entity, plan.Statements, cancellationToken);
        return new Applied(entity, current is null ? ImportOutcome.Created : ImportOutcome.Changed, plan.Statements, plan.AfterCommit,
            !DataPermissions.Of(entity).SequenceEqual(permissionsBefore));
    }

    // Equal definitions, whatever the place of their hidden fields.
    private static bool SameShape(EntityShape a, EntityShape b)
    {
        static string Canonical(EntityShape shape) => JsonSerializer.Serialize(shape with { Fields = Comparable(shape.Fields) }, JsonSerializerOptions.Web);
        return Canonical(a) == Canonical(b);
    }

    // An extension's fields, workflow and automations as one text that equal extensions share.
    private static string Canonical(IReadOnlyList<FieldDefinition> fields, Workflow? workflow, IReadOnlyList<AutomationDto> automations) =>
        JsonSerializer.Serialize(new { Fields = Comparable(fields), Workflow = workflow, Automations = automations }, JsonSerializerOptions.Web);

    // Fields in the order comparisons take them: the visible ones in theirs, then the hidden ones by id (an export leaves
    // them out; the import puts them last).
    private static List<FieldDefinition> Comparable(IReadOnlyList<FieldDefinition> fields) =>
        [.. fields.Where(f => !f.Deleted), .. fields.Where(f => f.Deleted).OrderBy(f => f.Id)];

    // After the commit: a new entity, record rule or restricted field brings permissions; every instance serves the new
    // revisions (and those that follow). Indexes on tables that have rows are built concurrently, still under the lock;
    // one whose build fails (rows that broke a new unique rule meanwhile) is dropped, and its field goes back to having none.
    private async Task AfterCommitAsync(IReadOnlyList<Applied> applied, CancellationToken cancellationToken)
    {
        if (applied.Any(a => a.PermissionsChanged)) await permissions.ChangedAsync(CancellationToken.None);
        if (applied.Any(a => a.Outcome != ImportOutcome.Unchanged)) await menu.ChangedAsync();
        foreach (var entity in applied.Where(a => a.Outcome != ImportOutcome.Unchanged)) await models.ChangedAsync(entity.Entity.Name);
        try
        {
            foreach (var entity in applied)
            {
                foreach (var statement in entity.AfterCommit) await BuildIndexAsync(entity.Entity, statement, cancellationToken);
            }
        }
        finally
        {
            foreach (var entity in applied.Where(a => a.AfterCommit.Count > 0)) await models.ChangedAsync(entity.Entity.Name);
        }
    }

    /// <summary>Drops a hidden field's column and its data for good, and removes the field from the definition.</summary>
    public Task<EntityDefinitionDto> PurgeAsync(string name, string field, CancellationToken cancellationToken) =>
        UnderSchemaLockAsync(async () =>
        {
            var purged = await PurgeInTransactionAsync(name, field, cancellationToken);
            await models.ChangedAsync(name); // after the commit: no instance reads the old revision back meanwhile
            return purged;
        }, cancellationToken);

    private Task<EntityDefinitionDto> PurgeInTransactionAsync(string name, string field, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var entity = await db.Entities.FirstOrDefaultAsync(e => e.Name == name, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.EntityNotFound, name);
            // A field of a lines field is named by both: lines.discount.
            var path = field.Split('.', 2);
            var owner = entity.Fields.FirstOrDefault(f => f.Name == path[0]);
            var lines = path.Length == 2 && owner is { HasColumn: false } ? owner : null;
            var purged = (path.Length == 1 ? owner : lines?.Fields.FirstOrDefault(f => f.Name == path[1])) ?? throw new NotFoundException(LowCodeErrors.UnknownField, field);
            if (!purged.Deleted) throw new BusinessRuleException(LowCodeErrors.FieldNotHidden, field);
            var statement = SchemaPlanner.Purge(entity, purged, lines);
            await RunAsync(statement, scalar: false, cancellationToken);
            var fields = lines is null ? entity.Fields.Where(f => f != purged) : entity.Fields.Select(f => f == lines ? lines.Without(purged) : f);
            entity.Apply(entity.Shape with { Fields = [.. fields] });
            await RecordAsync(entity, [statement], cancellationToken);
            return ToDto(entity);
        }, cancellationToken);

    // A session-level lock (it must outlast the transaction, for the concurrent index builds after it) on a connection held
    // open throughout; a process that dies releases it with its connection.
    private async Task<T> UnderSchemaLockAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await RunAsync($"SELECT pg_advisory_lock({SchemaLock})", scalar: false, cancellationToken);
            try
            {
                return await change();
            }
            finally
            {
                await RunAsync($"SELECT pg_advisory_unlock({SchemaLock})", scalar: false, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task BuildIndexAsync(EntityDefinition entity, string statement, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(statement, scalar: false, cancellationToken);
        }
        catch (Npgsql.PostgresException failed)
        {
            // A concurrent build that fails leaves an invalid index behind: drop it, and take the rule back.
            var field = entity.Fields.SelectMany(f => f.WithLineFields()).FirstOrDefault(f => statement.Contains($"{f.Id:N}", StringComparison.Ordinal));
            if (field is null)
            {
                // The search index: no rule of a field to take back; the search works without it, slowly, until the next change.
                await RunAsync($"DROP INDEX CONCURRENTLY IF EXISTS {SchemaPlanner.SearchIndex(entity.Name)}", scalar: false, CancellationToken.None);
                throw new BusinessRuleException(LowCodeErrors.IndexFailed, entity.Name, failed.MessageText);
            }

            await RunAsync($"DROP INDEX CONCURRENTLY IF EXISTS {SchemaPlanner.IndexName(field)}", scalar: false, CancellationToken.None);
            await db.InTransactionAsync(async () =>
            {
                var fields = entity.Fields.Select(f => f.WithoutIndex(field.Id)).ToList();
                entity.Apply(entity.Shape with { Fields = fields });
                await RecordAsync(entity, [$"-- {statement} failed: {failed.MessageText}"], CancellationToken.None);
            }, CancellationToken.None);
            throw new BusinessRuleException(LowCodeErrors.IndexFailed, field.Name, failed.MessageText);
        }
    }

    private async Task RecordAsync(EntityDefinition entity, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        db.Revisions.Add(EntityRevision.Of(entity, JsonSerializer.Serialize(ToDto(entity), JsonSerializerOptions.Web), statements, clock.GetUtcNow(), caller.UserId));
        await db.SaveChangesAsync(cancellationToken);
    }

    // A plan's checks (the first that finds offending rows refuses the change), then its statements, in the caller's transaction.
    private async Task RunPlanAsync(SchemaPlan plan, CancellationToken cancellationToken)
    {
        await AllCompaniesAsync(cancellationToken);
        foreach (var check in plan.Checks)
        {
            var offending = (long)(await RunAsync(check.CountSql, scalar: true, cancellationToken))!;
            if (offending > 0) throw new BusinessRuleException(check.Code, check.Field, offending);
        }

        foreach (var statement in plan.Statements) await RunAsync(statement, scalar: false, cancellationToken);
    }

    // Schema work is the system's: its checks count every company's rows, which row-level security would hide.
    private Task AllCompaniesAsync(CancellationToken cancellationToken) =>
        RunAsync(CompanyRowSecurity.Naming(seesAll: true, []), scalar: false, cancellationToken);

    // The planner's SQL as it is, on the context's connection (in its transaction, if any): EF Core's raw SQL methods would read the braces of a
    // regular expression or a choice as parameter placeholders. It is made from checked names and escaped choices only.
    private async Task<object?> RunAsync(string sql, bool scalar, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return scalar ? await command.ExecuteScalarAsync(cancellationToken) : await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<EntityShape> CheckedAsync(string name, SaveEntityDefinitionRequest request, EntityDefinition? current, bool importing,
        CancellationToken cancellationToken)
    {
        var reserved = await keywords.ReservedAsync(db, cancellationToken);
        var all = await db.Entities.AsNoTracking().ToListAsync(cancellationToken);
        var entities = all.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var takenIds = importing ? all.Where(e => e.Name != name).SelectMany(e => e.Fields).SelectMany(f => f.WithLineFields()).Select(f => f.Id).ToHashSet() : null;
        var (shape, errors) = DefinitionRules.Check(name, request, current, reserved, entities, extensions.Owners, takenIds);
        return errors.Count == 0 ? shape : throw new InvalidFieldsException(errors);
    }

    /// <summary>
    /// The automation runs of an entity's records (or of a module's or plugin's entity's rows) in the caller's companies,
    /// newest first (the last 100): of one automation, or refused ones only.
    /// </summary>
    public async Task<IReadOnlyList<AutomationRunDto>> AutomationRunsAsync(string name, string? automation, bool? succeeded, CancellationToken cancellationToken)
    {
        if (!extensions.Owners.ContainsKey(name) && !await db.Entities.AnyAsync(e => e.Name == name, cancellationToken))
            throw new NotFoundException(LowCodeErrors.EntityNotFound, name);
        return await db.AutomationRuns.AsNoTracking()
            .Where(r => r.Entity == name && (automation == null || r.Automation == automation) && (succeeded == null || r.Succeeded == succeeded))
            .OrderByDescending(r => r.At).Take(100)
            .Select(r => new AutomationRunDto(r.Id, r.Automation, r.RecordId, r.Succeeded, r.Problems, r.At)).ToListAsync(cancellationToken);
    }

    private static EntityDefinitionDto ToDto(EntityDefinition e) => new(e.Id, e.Name, e.Label, e.PluralLabel, e.DisplayField, e.Icon, e.Revision,
        [.. e.Fields.Select(ToDto)], e.Table, [.. e.RecordRules.Select(ToDto)], ToDto(e.Workflow), e.Ui, e.Automations);

    private static WorkflowDto? ToDto(Workflow? w) => w is null ? null : new(w.Field,
        [.. w.States.Select(s => new WorkflowStateDto(s.Name, s.Label, s.Initial, s.ReadOnly))],
        [.. w.Transitions.Select(t => new WorkflowTransitionDto(t.Name, t.Label, t.From, t.To, t.Condition))]);

    private static RecordRuleDto ToDto(RecordRule r) => new(r.Name, r.Label, r.Kind, r.Filter);

    private static FieldDefinitionDto ToDto(FieldDefinition f) => new(f.Id, f.Name, f.Label, f.Expression is null ? f.Type : FieldType.Computed, f.Required,
        f.Unique, f.Indexed, f.MaxLength, f.Minimum, f.Maximum, f.Pattern, f.Choices, f.References, f.Deleted, f.NumberFormat,
        f.HasColumn ? null : [.. f.Fields.Select(ToDto)], f.Searchable, f.ReadRestricted, f.WriteRestricted, f.Expression);
}
