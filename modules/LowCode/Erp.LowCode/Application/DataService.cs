using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.Http;
using Erp.Kernel;
using Erp.LowCode.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// A page of records, newest first unless sorted otherwise; with <see cref="Total"/> when counted, which stops at
/// <see cref="DataService.CountCap"/> (<see cref="TotalIsCapped"/>: "10,000+") so a count of a large table stays fast.
/// </summary>
internal sealed record RecordPage(IReadOnlyList<Dictionary<string, object?>> Items, int Skip, int Take, long? Total = null, bool TotalIsCapped = false);

/// <summary>
/// Records of low-code entities, through SQL made from the compiled model: names from the checked definition, every value
/// a parameter. Each operation needs the entity's permission, runs in one transaction that names the caller's companies
/// for row-level security, and filters to them as well; a new record belongs to the request's company. A write and its
/// audit record (old and new values, as for any entity) commit together.
/// </summary>
internal sealed class DataService(
    EntityModels models, NpgsqlDataSource data, LowCodeDbContext db, IPermissionChecker permissions, IHttpContextAccessor http, ICurrentCompany company,
    ICurrentUser caller, TimeProvider clock)
{
    public const int MaxTake = 200;
    public const int CountCap = 10_000;

    public async Task<RecordPage> ListAsync(string entity, int skip, int take, string? sort, IReadOnlyDictionary<string, string> filters, bool count,
        CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, LowCodePermissionSource.Read(entity), cancellationToken);
        var order = sort is null ? "created_at DESC" : Order(model, sort);
        List<Dictionary<string, object?>> items;
        await using (var batch = Batch(out var command))
        {
            command.CommandText = $"SELECT {model.SelectList} FROM {model.Table} WHERE {Where(model, command, filters)} ORDER BY {order}, id " +
                                  $"OFFSET {Parameter(command, skip)} LIMIT {Parameter(command, take)}";
            items = await ReadAsync(batch, model, cancellationToken);
        }

        if (!count) return new RecordPage(items, skip, take);
        await using (var batch = Batch(out var command))
        {
            command.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM {model.Table} WHERE {Where(model, command, filters)} LIMIT {CountCap + 1}) AS capped";
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var total = reader.GetInt64(0);
            return new RecordPage(items, skip, take, Math.Min(total, CountCap), total > CountCap);
        }
    }

    private string Where(EntityModel model, NpgsqlBatchCommand command, IReadOnlyDictionary<string, string> filters) =>
        string.Join(" AND ", filters.Select(f => RecordFilters.Condition(model, f.Key, f.Value, value => Parameter(command, value))).Prepend(Companies(command)));

    public async Task<Dictionary<string, object?>> GetAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, LowCodePermissionSource.Read(entity), cancellationToken);
        await using var batch = Batch(out var command);
        command.CommandText = $"SELECT {model.SelectList} FROM {model.Table} WHERE id = {Parameter(command, id)} AND {Companies(command)}";
        return (await ReadAsync(batch, model, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
    }

    public async Task<Dictionary<string, object?>> CreateAsync(string entity, JsonElement body, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, $"{LowCodePermissionSource.Read(entity)}.Create", cancellationToken);
        var values = model.Values(body, creating: true);
        var companyId = company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        return await WriteAsync(model, values, async (connection, transaction) =>
        {
            await CheckReferencesAsync(model, values, companyId, connection, transaction, cancellationToken);
            foreach (var field in model.Fields.Values.Where(f => f.Type == FieldType.Autonumber))
                values[field.Name] = await db.NextAsync($"LowCode.{field.Id:N}", field.NumberFormat!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
            await using var batch = Batch(out var command, connection, transaction);
            var columns = new List<string> { "id", "company_id", "created_by" };
            var parameters = new List<string> { Parameter(command, Guid.CreateVersion7()), Parameter(command, companyId), Parameter(command, caller.UserId) };
            foreach (var (name, value) in values)
            {
                columns.Add(model.Fields[name].Column);
                parameters.Add(Parameter(command, value));
            }

            command.CommandText = $"INSERT INTO {model.Table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters)}) RETURNING {model.SelectList}";
            var created = (await ReadAsync(batch, model, cancellationToken)).Single();
            Audit(model, created, EntityChangeType.Created, values.Select(v => (v.Key, (object?)null, v.Value)));
            return created;
        }, cancellationToken);
    }

    /// <summary>Changes the fields <paramref name="body"/> names; <c>version</c> must be the record's (409 otherwise).</summary>
    public async Task<Dictionary<string, object?>> UpdateAsync(string entity, Guid id, JsonElement body, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, $"{LowCodePermissionSource.Read(entity)}.Update", cancellationToken);
        var values = model.Values(body, creating: false);
        if (!body.TryGetProperty("version", out var version) || !version.TryGetUInt32(out var expected))
            throw new InvalidFieldsException("version", LowCodeErrors.ValueRequired);
        return await WriteAsync(model, values, async (connection, transaction) =>
        {
            var before = await LockAsync(model, id, connection, transaction, cancellationToken);
            await CheckReferencesAsync(model, values, (Guid)before["companyId"]!, connection, transaction, cancellationToken);
            await using var batch = Batch(out var command, connection, transaction);
            var sets = new List<string> { "modified_at = now()", $"modified_by = {Parameter(command, caller.UserId)}" };
            sets.AddRange(values.Select(v => $"{model.Fields[v.Key].Column} = {Parameter(command, v.Value)}"));
            command.CommandText = $"UPDATE {model.Table} SET {string.Join(", ", sets)} WHERE id = {Parameter(command, id)} AND {Companies(command)} " +
                                   $"AND xmin = {Version(command, expected)} RETURNING {model.SelectList}";
            var updated = (await ReadAsync(batch, model, cancellationToken)).SingleOrDefault()
                ?? throw new DbUpdateConcurrencyException($"{entity} {id} changed since version {expected}.");
            Audit(model, updated, EntityChangeType.Updated, values.Select(v => (v.Key, before[v.Key], updated[v.Key])));
            return updated;
        }, cancellationToken);
    }

    public async Task DeleteAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, $"{LowCodePermissionSource.Read(entity)}.Delete", cancellationToken);
        await WriteAsync(model, new Dictionary<string, object?>(), async (connection, transaction) =>
        {
            await using var batch = Batch(out var command, connection, transaction);
            command.CommandText = $"DELETE FROM {model.Table} WHERE id = {Parameter(command, id)} AND {Companies(command)} RETURNING {model.SelectList}";
            var deleted = (await ReadAsync(batch, model, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
            Audit(model, deleted, EntityChangeType.Deleted, model.Fields.Keys.Select(name => (name, deleted[name], (object?)null)));
            return true;
        }, cancellationToken);
    }

    // The record as it is, locked for the change: its old values for the audit record, and a 404 when the caller cannot see it.
    private async Task<Dictionary<string, object?>> LockAsync(EntityModel model, Guid id, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, connection, transaction);
        command.CommandText = $"SELECT {model.SelectList} FROM {model.Table} WHERE id = {Parameter(command, id)} AND {Companies(command)} FOR UPDATE";
        return (await ReadAsync(batch, model, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, model.Name, id);
    }

    // A write on the module context's connection, in its transaction, so the audit records (and the numbers) it adds commit
    // with it. What the database refuses is told in the model's terms: the field whose value is taken, the records that
    // still refer to one being deleted.
    private async Task<T> WriteAsync<T>(EntityModel model, IReadOnlyDictionary<string, object?> values, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var result = await write((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }, cancellationToken);
        }
        catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation && model.FieldOf(taken.ConstraintName) is { } field)
        {
            throw new BusinessRuleException(LowCodeErrors.ValueNotUnique, field.Name, values.GetValueOrDefault(field.Name));
        }
        catch (PostgresException referred) when (referred.SqlState == PostgresErrorCodes.ForeignKeyViolation && referred.TableName != model.Name)
        {
            throw new BusinessRuleException(LowCodeErrors.RecordInUse, model.Name, referred.TableName);
        }
        catch (PostgresException gone) when (gone.SqlState == PostgresErrorCodes.ForeignKeyViolation && model.FieldOf(gone.ConstraintName) is { } field)
        {
            // The record referred to was deleted after the check above.
            throw new InvalidFieldsException(field.Name, LowCodeErrors.ReferenceNotFound, field.References, null);
        }
    }

    // Every record a write refers to exists in the record's own company: the foreign key alone would let a record point
    // into a company its writer does not belong to.
    private async Task CheckReferencesAsync(EntityModel model, Dictionary<string, object?> values, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var references = values.Where(v => v.Value is Guid && model.Fields[v.Key].Type == FieldType.Reference).ToList();
        if (references.Count == 0) return;
        await using var batch = Batch(out var command, connection, transaction);
        var company = Parameter(command, companyId);
        command.CommandText = "SELECT " + string.Join(", ", references.Select(r =>
            $"EXISTS (SELECT 1 FROM {SchemaPlanner.DataSchema}.\"{model.Fields[r.Key].References}\" WHERE id = {Parameter(command, r.Value)} AND company_id = {company})"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var missing = references.Where((_, i) => !reader.GetBoolean(i)).ToDictionary(r => r.Key,
            r => new[] { new LocalizableText(LowCodeErrors.ReferenceNotFound, model.Fields[r.Key].References, r.Value) });
        if (missing.Count > 0) throw new InvalidFieldsException(missing);
    }

    private void Audit(EntityModel model, Dictionary<string, object?> record, EntityChangeType change, IEnumerable<(string, object?, object?)> values) =>
        EntityChangeAuditing.Record(db, $"{SchemaPlanner.DataSchema}.{model.Name}", record["id"]!.ToString()!, (Guid)record["companyId"]!, change, values, caller,
            clock.GetUtcNow());

    private async Task<EntityModel> ModelAsync(string entity, string permission, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(entity, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.EntityNotFound, entity);
        var granted = await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken);
        return granted.Contains(permission) ? model : throw new ForbiddenException(ProblemTypes.Forbidden);
    }

    // One statement per operation, after the one that names the companies row-level security lets it see (as a query, so
    // the batch's first result is always its row): sent as one batch, they run in one implicit transaction (or the
    // write's), which holds the setting for that statement.
    private NpgsqlBatch Batch(out NpgsqlBatchCommand statement, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null)
    {
        var batch = connection is null ? data.CreateBatch() : new NpgsqlBatch(connection, transaction);
        var naming = new NpgsqlBatchCommand($"SELECT set_config('{CompanyRowSecurity.Setting}', $1, true)");
        naming.Parameters.Add(new NpgsqlParameter { Value = company.IsUnrestricted ? "*" : string.Join(',', company.Allowed) });
        statement = new NpgsqlBatchCommand();
        batch.BatchCommands.Add(naming);
        batch.BatchCommands.Add(statement);
        return batch;
    }

    private string Companies(NpgsqlBatchCommand command) =>
        company.IsUnrestricted ? "true" : $"company_id = ANY ({Parameter(command, company.Allowed.ToArray())})";

    private static string Parameter(NpgsqlBatchCommand command, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return $"${command.Parameters.Count}";
    }

    private static string Version(NpgsqlBatchCommand command, uint version)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid });
        return $"${command.Parameters.Count}";
    }

    private static string Order(EntityModel model, string sort)
    {
        var descending = sort.StartsWith('-');
        var name = sort.TrimStart('-');
        var column = name is "createdAt" ? "created_at" : model.Fields.TryGetValue(name, out var field) ? field.Column
            : throw new InvalidFieldsException("sort", LowCodeErrors.UnknownField, name);
        return $"{column} {(descending ? "DESC" : "ASC")}";
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlBatch batch, EntityModel model, CancellationToken cancellationToken)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        var records = new List<Dictionary<string, object?>>();
        var fields = model.Fields.Values.ToArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = reader.GetGuid(0),
                ["version"] = reader.GetFieldValue<uint>(1),
                ["companyId"] = reader.GetGuid(2),
                ["createdAt"] = reader.GetFieldValue<DateTimeOffset>(3),
                ["createdBy"] = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                ["modifiedAt"] = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                ["modifiedBy"] = reader.IsDBNull(6) ? null : reader.GetGuid(6),
            };
            for (var i = 0; i < fields.Length; i++)
            {
                var ordinal = EntityModel.SystemColumns + i;
                record[fields[i].Name] = reader.IsDBNull(ordinal) ? null : fields[i].Type switch
                {
                    FieldType.Date => reader.GetFieldValue<DateOnly>(ordinal),
                    FieldType.DateTime => reader.GetFieldValue<DateTimeOffset>(ordinal),
                    _ => reader.GetValue(ordinal),
                };
            }

            records.Add(record);
        }

        return records;
    }
}
