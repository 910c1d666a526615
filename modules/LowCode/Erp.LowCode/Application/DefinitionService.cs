using System.Text.Json;
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
internal sealed class DefinitionService(
    LowCodeDbContext db, PostgresKeywords keywords, IPermissionCatalog permissions, EntityModels models, ICurrentUser caller, TimeProvider clock, IConfiguration configuration)
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
        var shape = await CheckedAsync(name, request, current, cancellationToken);
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
            var (saved, plan) = await db.InTransactionAsync(async () =>
            {
                var current = await db.Entities.FirstOrDefaultAsync(e => e.Name == name, cancellationToken);
                if ((current?.Revision ?? 0) != request.Version) throw new DbUpdateConcurrencyException($"Entity {name} is at revision {current?.Revision ?? 0}.");
                var shape = await CheckedAsync(name, request, current, cancellationToken);
                var plan = SchemaPlanner.Plan(current, name, shape, CompanyRowSecurity.IsEnabled(configuration));
                await AllCompaniesAsync(cancellationToken);
                foreach (var check in plan.Checks)
                {
                    var offending = (long)(await RunAsync(check.CountSql, scalar: true, cancellationToken))!;
                    if (offending > 0) throw new BusinessRuleException(check.Code, check.Field, offending);
                }

                foreach (var statement in plan.Statements) await RunAsync(statement, scalar: false, cancellationToken);
                var entity = current ?? db.Entities.Add(EntityDefinition.New(name)).Entity;
                entity.Apply(shape);
                await RecordAsync(entity, plan.Statements, cancellationToken);
                return (entity, plan);
            }, cancellationToken);

            // A new entity brings its permissions; every instance serves the new revision (and those that follow).
            if (saved.Revision == 1) await permissions.ChangedAsync(CancellationToken.None);
            await models.ChangedAsync(name);
            try
            {
                foreach (var statement in plan.AfterCommit) await BuildIndexAsync(saved, statement, cancellationToken);
            }
            finally
            {
                await models.ChangedAsync(name);
            }

            return ToDto(saved);
        }, cancellationToken);

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
            entity.Apply(new EntityShape(entity.Label, entity.PluralLabel, entity.DisplayField, entity.Icon, [.. fields]));
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
                entity.Apply(new EntityShape(entity.Label, entity.PluralLabel, entity.DisplayField, entity.Icon, fields));
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

    private async Task<EntityShape> CheckedAsync(string name, SaveEntityDefinitionRequest request, EntityDefinition? current, CancellationToken cancellationToken)
    {
        var reserved = await keywords.ReservedAsync(db, cancellationToken);
        var entities = (await db.Entities.AsNoTracking().Select(e => e.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var (shape, errors) = DefinitionRules.Check(name, request, current, reserved, entities);
        return errors.Count == 0 ? shape : throw new InvalidFieldsException(errors);
    }

    private static EntityDefinitionDto ToDto(EntityDefinition e) => new(e.Id, e.Name, e.Label, e.PluralLabel, e.DisplayField, e.Icon, e.Revision,
        [.. e.Fields.Select(ToDto)], e.Table);

    private static FieldDefinitionDto ToDto(FieldDefinition f) => new(f.Id, f.Name, f.Label, f.Type, f.Required, f.Unique, f.Indexed, f.MaxLength, f.Minimum,
        f.Maximum, f.Pattern, f.Choices, f.References, f.Deleted, f.NumberFormat, f.HasColumn ? null : [.. f.Fields.Select(ToDto)], f.Searchable);
}
