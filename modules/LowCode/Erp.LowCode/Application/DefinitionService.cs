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
internal sealed class DefinitionService(LowCodeDbContext db, PostgresKeywords keywords, ICurrentUser caller, TimeProvider clock, IConfiguration configuration)
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
        return new SchemaPlanDto(name, current?.Revision ?? 0, (current?.Revision ?? 0) + 1, plan.Statements);
    }

    /// <summary>Creates the entity (its table) or changes it to <paramref name="request"/>, based on the revision the request names.</summary>
    public async Task<EntityDefinitionDto> SaveAsync(string name, SaveEntityDefinitionRequest request, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async () =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SchemaLock})", cancellationToken);
            // Schema work is the system's: its checks count every company's rows, which row-level security would hide.
            await RunAsync($"SET LOCAL {CompanyRowSecurity.Setting} = '*'", scalar: false, cancellationToken);
            var current = await db.Entities.FirstOrDefaultAsync(e => e.Name == name, cancellationToken);
            if ((current?.Revision ?? 0) != request.Version) throw new DbUpdateConcurrencyException($"Entity {name} is at revision {current?.Revision ?? 0}.");
            var shape = await CheckedAsync(name, request, current, cancellationToken);
            var plan = SchemaPlanner.Plan(current, name, shape, CompanyRowSecurity.IsEnabled(configuration));

            foreach (var check in plan.Checks)
            {
                var offending = (long)(await RunAsync(check.CountSql, scalar: true, cancellationToken))!;
                if (offending > 0) throw new BusinessRuleException(check.Code, check.Field, offending);
            }

            foreach (var statement in plan.Statements) await RunAsync(statement, scalar: false, cancellationToken);

            var entity = current ?? db.Entities.Add(EntityDefinition.New(name)).Entity;
            entity.Apply(shape);
            db.Revisions.Add(EntityRevision.Of(entity, JsonSerializer.Serialize(ToDto(entity), JsonSerializerOptions.Web), plan.Statements, clock.GetUtcNow(), caller.UserId));
            await db.SaveChangesAsync(cancellationToken);
            return ToDto(entity);
        }, cancellationToken);

    // The planner's SQL as it is, on the transaction's connection: EF Core's raw SQL methods would read the braces of a
    // regular expression or a choice as parameter placeholders. It is made from checked names and escaped choices only.
    private async Task<object?> RunAsync(string sql, bool scalar, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
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
        [.. e.Fields.Select(f => new FieldDefinitionDto(f.Id, f.Name, f.Label, f.Type, f.Required, f.Unique, f.Indexed, f.MaxLength, f.Minimum, f.Maximum,
            f.Pattern, f.Choices, f.References, f.Deleted))],
        e.Table);
}
