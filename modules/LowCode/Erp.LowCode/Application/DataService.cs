using System.Text.Json;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// A page of records, newest first unless sorted otherwise; with <see cref="Total"/> when counted, which stops at
/// <see cref="DataService.CountCap"/> (<see cref="TotalIsCapped"/>: "10,000+") so a count of a large table stays fast.
/// <see cref="Next"/> continues after the page's last record (keyset paging), null on the last page.
/// </summary>
internal sealed record RecordPage(IReadOnlyList<Dictionary<string, object?>> Items, int Skip, int Take, string? Next, long? Total = null, bool TotalIsCapped = false);

/// <summary>
/// What a list asks for: <paramref name="Fields"/> (null for all) and <paramref name="Expand"/> (references and lines
/// fields) by name; <paramref name="Cursor"/> (a page's <c>next</c>) or <paramref name="Skip"/> to page.
/// </summary>
internal sealed record RecordQuery(
    IReadOnlyDictionary<string, string> Filters, string? Sort = null, int Skip = 0, int Take = 50, string? Cursor = null, IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? Expand = null, bool Count = false);

/// <summary>
/// Records of low-code entities, through SQL made from the compiled model: names from the checked definition, every value
/// a parameter. Each operation needs the entity's permission, runs in one transaction that names the caller's companies
/// for row-level security, and filters to them as well; a new record belongs to the request's company. A write, its
/// lines and their audit records (old and new values, as for any entity) commit together.
/// </summary>
internal sealed class DataService(
    EntityModels models, NpgsqlDataSource data, LowCodeDbContext db, IPermissionChecker permissions, IHttpContextAccessor http, ICurrentCompany company,
    ICurrentUser caller, TimeProvider clock)
{
    public const int MaxTake = 200;
    public const int CountCap = 10_000;

    public async Task<RecordPage> ListAsync(string entity, RecordQuery query, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, LowCodePermissionSource.Read(entity), cancellationToken);
        var sort = RecordSort.Of(model, query.Sort);
        // The page and, when asked, the count: one batch, one round trip.
        await using var batch = Batch(out var command);
        var projection = await ProjectionAsync(model, query.Fields, query.Expand, sort, command, cancellationToken);
        var after = query.Cursor is null ? "" : " AND " + sort.After(RecordCursor.Read(query.Cursor, sort), value => Parameter(command, value));
        command.CommandText = $"SELECT {projection.Sql} FROM {model.Table} t WHERE {Where(model, command, query.Filters)}{after} ORDER BY {sort.OrderBy} " +
                              $"OFFSET {Parameter(command, query.Cursor is null ? query.Skip : 0)} LIMIT {Parameter(command, query.Take)}";
        if (query.Count)
        {
            var count = Statement(batch);
            count.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM {model.Table} t WHERE {Where(model, count, query.Filters)} LIMIT {CountCap + 1}) AS capped";
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        var items = await ReadRowsAsync(reader, projection, cancellationToken);
        var next = query.Take > 0 && items.Count == query.Take ? RecordCursor.Of(sort, items[^1]) : null;
        if (!query.Count) return new RecordPage(items, query.Skip, query.Take, next);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        return new RecordPage(items, query.Skip, query.Take, next, Math.Min(total, CountCap), total > CountCap);
    }

    private string Where(EntityModel model, NpgsqlBatchCommand command, IReadOnlyDictionary<string, string> filters) =>
        string.Join(" AND ", filters.Select(f => RecordFilters.Condition(model, f.Key, f.Value, value => Parameter(command, value))).Prepend(Companies(command)));

    /// <summary>One record with its lines.</summary>
    public async Task<Dictionary<string, object?>> GetAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, LowCodePermissionSource.Read(entity), cancellationToken);
        return await ReadOneAsync(model, id, null, null, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
    }

    public async Task<Dictionary<string, object?>> CreateAsync(string entity, JsonElement body, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, $"{LowCodePermissionSource.Read(entity)}.Create", cancellationToken);
        var values = model.Values(body, creating: true);
        var companyId = company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        return await WriteAsync(model, values, async (connection, transaction) =>
        {
            await CheckReferencesAsync(model, values, companyId, connection, transaction, cancellationToken);
            foreach (var field in model.Columns.Where(f => f.Type == FieldType.Autonumber))
                values[field.Name] = await db.NextAsync($"LowCode.{field.Id:N}", field.NumberFormat!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
            var columnValues = values.Where(v => model.Fields[v.Key].HasColumn).ToList();
            await using var batch = Batch(out var command, connection, transaction);
            var columns = new List<string> { "id", "company_id", "created_by" };
            var parameters = new List<string> { Parameter(command, Guid.CreateVersion7()), Parameter(command, companyId), Parameter(command, caller.UserId) };
            foreach (var (name, value) in columnValues)
            {
                columns.Add(model.Fields[name].Column);
                parameters.Add(Parameter(command, value));
            }

            command.CommandText = $"INSERT INTO {model.Table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters)}) RETURNING {model.SelectList}";
            var created = (await ReadAsync(batch, Projection.Columns(model), cancellationToken)).Single();
            Audit(model, created, EntityChangeType.Created, columnValues.Select(v => (v.Key, (object?)null, v.Value)));
            return await WriteLinesAsync(model, created, values, connection, transaction, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Changes the fields <paramref name="body"/> names; <c>version</c> must be the record's (409 otherwise). A lines field
    /// given is the record's lines from then on: lines with an id replace those, lines without one are added, and the
    /// record's lines not given are deleted.
    /// </summary>
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
            var columnValues = values.Where(v => model.Fields[v.Key].HasColumn).ToList();
            await using var batch = Batch(out var command, connection, transaction);
            // The record's row changes even when only its lines do: its version moves, so a stale copy of the lines conflicts too.
            var sets = new List<string> { "modified_at = now()", $"modified_by = {Parameter(command, caller.UserId)}" };
            sets.AddRange(columnValues.Select(v => $"{model.Fields[v.Key].Column} = {Parameter(command, v.Value)}"));
            command.CommandText = $"UPDATE {model.Table} SET {string.Join(", ", sets)} WHERE id = {Parameter(command, id)} AND {Companies(command)} " +
                                   $"AND xmin = {Version(command, expected)} RETURNING {model.SelectList}";
            var updated = (await ReadAsync(batch, Projection.Columns(model), cancellationToken)).SingleOrDefault()
                ?? throw new DbUpdateConcurrencyException($"{entity} {id} changed since version {expected}.");
            Audit(model, updated, EntityChangeType.Updated, columnValues.Select(v => (v.Key, before[v.Key], updated[v.Key])));
            return await WriteLinesAsync(model, updated, values, connection, transaction, cancellationToken);
        }, cancellationToken);
    }

    public async Task DeleteAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, $"{LowCodePermissionSource.Read(entity)}.Delete", cancellationToken);
        await WriteAsync(model, new Dictionary<string, object?>(), async (connection, transaction) =>
        {
            // Its lines go with it (the foreign key would cascade); deleted first, by statements of their own, their old values are audited too.
            await using var batch = Batch(out var command, connection, transaction);
            batch.BatchCommands.Remove(command);
            foreach (var lines in model.Lines.Values)
            {
                var statement = Statement(batch);
                statement.CommandText = $"DELETE FROM {lines.Table} WHERE parent_id = {Parameter(statement, id)} RETURNING {lines.SelectList}";
            }

            batch.BatchCommands.Add(command);
            command.CommandText = $"DELETE FROM {model.Table} WHERE id = {Parameter(command, id)} AND {Companies(command)} RETURNING {model.SelectList}";

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken); // past set_config's row
            var deletedLines = new List<(LinesModel, Dictionary<string, object?>)>();
            foreach (var lines in model.Lines.Values)
            {
                deletedLines.AddRange((await ReadRowsAsync(reader, Projection.Columns(lines), cancellationToken)).Select(line => (lines, line)));
                await reader.NextResultAsync(cancellationToken);
            }

            var deleted = (await ReadRowsAsync(reader, Projection.Columns(model), cancellationToken)).SingleOrDefault()
                ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id);
            var companyId = (Guid)deleted["companyId"]!;
            Audit(model, deleted, EntityChangeType.Deleted, model.Columns.Select(f => (f.Name, deleted[f.Name], (object?)null)));
            foreach (var (lines, line) in deletedLines) AuditLine(lines, (Guid)line["id"]!, companyId, EntityChangeType.Deleted, lines.Columns.Select(f => (f.Name, line[f.Name], (object?)null)));
            return true;
        }, cancellationToken);
    }

    // The record as it is, locked for the change: its old values for the audit record, and a 404 when the caller cannot see it.
    private async Task<Dictionary<string, object?>> LockAsync(EntityModel model, Guid id, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, connection, transaction);
        command.CommandText = $"SELECT {model.SelectList} FROM {model.Table} WHERE id = {Parameter(command, id)} AND {Companies(command)} FOR UPDATE";
        return (await ReadAsync(batch, Projection.Columns(model), cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, model.Name, id);
    }

    private async Task<Dictionary<string, object?>?> ReadOneAsync(EntityModel model, Guid id, NpgsqlConnection? connection, NpgsqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, connection, transaction);
        var projection = Projection.WithLines(model);
        command.CommandText = $"SELECT {projection.Sql} FROM {model.Table} t WHERE id = {Parameter(command, id)} AND {Companies(command)}";
        return (await ReadAsync(batch, projection, cancellationToken)).SingleOrDefault();
    }

    // The lines fields a write gives, written after the record: the record with all its lines, as they are now, is the answer.
    private async Task<Dictionary<string, object?>> WriteLinesAsync(EntityModel model, Dictionary<string, object?> record, Dictionary<string, object?> values,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (model.Lines.Count == 0) return record;
        var id = (Guid)record["id"]!;
        var companyId = (Guid)record["companyId"]!;
        foreach (var lines in model.Lines.Values)
        {
            if (values.GetValueOrDefault(lines.Field.Name) is not IReadOnlyList<LineValues> given) continue;
            var existing = await LinesOfAsync(lines, id, connection, transaction, cancellationToken);
            var unknown = given.Select((line, index) => (line, index)).Where(l => l.line.Id is { } lineId && !existing.ContainsKey(lineId)).ToDictionary(
                l => $"{lines.Field.Name}[{l.index}].id", l => new[] { new LocalizableText(LowCodeErrors.LineNotFound, l.line.Id) });
            if (unknown.Count > 0) throw new InvalidFieldsException(unknown);

            await using var batch = Batch(out var first, connection, transaction);
            batch.BatchCommands.Remove(first);
            var kept = given.Where(l => l.Id is not null).Select(l => l.Id!.Value).ToHashSet();
            var removed = existing.Where(e => !kept.Contains(e.Key)).ToList();
            if (removed.Count > 0)
            {
                var delete = Statement(batch);
                delete.CommandText = $"DELETE FROM {lines.Table} WHERE parent_id = {Parameter(delete, id)} AND id = ANY ({Parameter(delete, removed.Select(r => r.Key).ToArray())})";
            }

            for (var i = 0; i < given.Count; i++)
            {
                var line = given[i];
                var statement = Statement(batch);
                var lineId = line.Id ?? Guid.CreateVersion7();
                var columns = lines.Columns.Select(f => (f.Column, Value: line.Values.GetValueOrDefault(f.Name))).ToList();
                if (line.Id is null)
                {
                    var parameters = columns.Select(c => Parameter(statement, c.Value)).ToList();
                    statement.CommandText = $"INSERT INTO {lines.Table} (id, parent_id, company_id, line_no, {string.Join(", ", columns.Select(c => c.Column))}) " +
                                            $"VALUES ({Parameter(statement, lineId)}, {Parameter(statement, id)}, {Parameter(statement, companyId)}, {i + 1}, {string.Join(", ", parameters)})";
                    AuditLine(lines, lineId, companyId, EntityChangeType.Created,
                        lines.Columns.Select(f => (f.Name, (object?)null, line.Values.GetValueOrDefault(f.Name))));
                }
                else
                {
                    var sets = columns.Select(c => $"{c.Column} = {Parameter(statement, c.Value)}").Prepend($"line_no = {i + 1}");
                    statement.CommandText = $"UPDATE {lines.Table} SET {string.Join(", ", sets)} WHERE id = {Parameter(statement, lineId)} AND parent_id = {Parameter(statement, id)}";
                    var old = existing[lineId];
                    var changed = lines.Columns.Where(f => !Equals(old[f.Name], line.Values.GetValueOrDefault(f.Name))).ToList();
                    if (changed.Count > 0)
                        AuditLine(lines, lineId, companyId, EntityChangeType.Updated, changed.Select(f => (f.Name, old[f.Name], line.Values.GetValueOrDefault(f.Name))));
                }
            }

            foreach (var (lineId, old) in removed) AuditLine(lines, lineId, companyId, EntityChangeType.Deleted, lines.Columns.Select(f => (f.Name, old[f.Name], (object?)null)));
            await CheckLineReferencesAsync(lines, given, companyId, connection, transaction, cancellationToken);
            if (batch.BatchCommands.Count > 1) await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ReadOneAsync(model, id, connection, transaction, cancellationToken) ?? record;
    }

    private async Task<Dictionary<Guid, Dictionary<string, object?>>> LinesOfAsync(LinesModel lines, Guid parent, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, connection, transaction);
        command.CommandText = $"SELECT {lines.SelectList} FROM {lines.Table} WHERE parent_id = {Parameter(command, parent)} ORDER BY line_no FOR UPDATE";
        return (await ReadAsync(batch, Projection.Columns(lines), cancellationToken)).ToDictionary(l => (Guid)l["id"]!);
    }

    // A write on the module context's connection, in its transaction, so the audit records (and the numbers) it adds commit
    // with it. What the database refuses is told in the model's terms: the field whose value is taken, the records that
    // still refer to one being deleted.
    private async Task<T> WriteAsync<T>(EntityModel model, IReadOnlyDictionary<string, object?> values, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write,
        CancellationToken cancellationToken)
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
        catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation && model.ConstraintOf(taken.ConstraintName) is var (_, field))
        {
            throw new BusinessRuleException(LowCodeErrors.ValueNotUnique, field.Name, values.GetValueOrDefault(field.Name));
        }
        catch (PostgresException referred) when (referred.SqlState == PostgresErrorCodes.ForeignKeyViolation && referred.TableName != model.Name &&
                                                 model.Lines.Values.All(l => l.Name != referred.TableName))
        {
            throw new BusinessRuleException(LowCodeErrors.RecordInUse, model.Name, referred.TableName);
        }
        catch (PostgresException gone) when (gone.SqlState == PostgresErrorCodes.ForeignKeyViolation && model.ConstraintOf(gone.ConstraintName) is var (_, field))
        {
            // The record referred to was deleted after the check.
            throw new InvalidFieldsException(field.Name, LowCodeErrors.ReferenceNotFound, field.References, null);
        }
    }

    // Every record a write refers to exists in the record's own company: the foreign key alone would let a record point
    // into a company its writer does not belong to.
    private Task CheckReferencesAsync(EntityModel model, Dictionary<string, object?> values, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        CheckReferencesAsync([.. values.Select(v => (v.Key, model.Fields[v.Key], v.Value))], companyId, connection, transaction, cancellationToken);

    private Task CheckLineReferencesAsync(LinesModel lines, IReadOnlyList<LineValues> given, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        CheckReferencesAsync([.. given.SelectMany((line, i) => line.Values.Select(v => ($"{lines.Field.Name}[{i}].{v.Key}", lines.Fields[v.Key], v.Value)))],
            companyId, connection, transaction, cancellationToken);

    private async Task CheckReferencesAsync(IReadOnlyList<(string Key, FieldDefinition Field, object? Value)> values, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var references = values.Where(v => v.Value is Guid && v.Field.Type == FieldType.Reference).ToList();
        if (references.Count == 0) return;
        await using var batch = Batch(out var command, connection, transaction);
        var company = Parameter(command, companyId);
        command.CommandText = "SELECT " + string.Join(", ", references.Select(r =>
            $"EXISTS (SELECT 1 FROM {SchemaPlanner.Table(r.Field.References!)} WHERE id = {Parameter(command, r.Value)} AND company_id = {company})"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var missing = references.Where((_, i) => !reader.GetBoolean(i)).ToDictionary(r => r.Key,
            r => new[] { new LocalizableText(LowCodeErrors.ReferenceNotFound, r.Field.References, r.Value) });
        if (missing.Count > 0) throw new InvalidFieldsException(missing);
    }

    private void Audit(EntityModel model, Dictionary<string, object?> record, EntityChangeType change, IEnumerable<(string, object?, object?)> values) =>
        EntityChangeAuditing.Record(db, $"{SchemaPlanner.DataSchema}.{model.Name}", record["id"]!.ToString()!, (Guid)record["companyId"]!, change, values, caller,
            clock.GetUtcNow());

    private void AuditLine(LinesModel lines, Guid line, Guid companyId, EntityChangeType change, IEnumerable<(string, object?, object?)> values) =>
        EntityChangeAuditing.Record(db, $"{SchemaPlanner.DataSchema}.{lines.Name}", line.ToString(), companyId, change, values, caller, clock.GetUtcNow());

    private async Task<EntityModel> ModelAsync(string entity, string permission, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(entity, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.EntityNotFound, entity);
        var granted = await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken);
        return granted.Contains(permission) ? model : throw new ForbiddenException(ProblemTypes.Forbidden);
    }

    // The columns a list returns (the sort's always, for the next page's cursor) and what it expands: lines fields, and
    // references, whose records need their own entity's read permission and are filtered to the caller's companies.
    private async Task<Projection> ProjectionAsync(EntityModel model, IReadOnlyList<string>? fields, IReadOnlyList<string>? expand, RecordSort sort,
        NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        var columns = fields is null ? model.Columns : [.. fields.Select(name =>
            model.Fields.GetValueOrDefault(name) is { HasColumn: true } field ? field : throw new InvalidFieldsException("fields", LowCodeErrors.UnknownField, name))
            .Union(model.Columns.Where(f => f.Name == sort.Property))];
        var expansions = new List<(FieldDefinition, string)>();
        foreach (var name in expand ?? [])
        {
            if (model.Lines.TryGetValue(name, out var lines))
            {
                expansions.Add((lines.Field, lines.Aggregate));
                continue;
            }

            if (model.Fields.GetValueOrDefault(name) is not { Type: FieldType.Reference } reference)
                throw new InvalidFieldsException("expand", LowCodeErrors.ExpandInvalid, name);
            var target = await ModelAsync(reference.References!, LowCodePermissionSource.Read(reference.References!), cancellationToken);
            expansions.Add((reference, $"(SELECT {target.JsonOf("r")} FROM {target.Table} r WHERE r.id = t.{reference.Column} AND {Companies(command, "r.")})"));
        }

        return new Projection(columns, expansions);
    }

    // One statement per operation, after the one that names the companies row-level security lets it see (as a query, so
    // the batch's first result is always its row): sent as one batch, they run in one implicit transaction (or the
    // write's), which holds the setting for that statement.
    private NpgsqlBatch Batch(out NpgsqlBatchCommand statement, NpgsqlConnection? connection = null, NpgsqlTransaction? transaction = null)
    {
        var batch = connection is null ? data.CreateBatch() : new NpgsqlBatch(connection, transaction);
        var naming = new NpgsqlBatchCommand($"SELECT set_config('{CompanyRowSecurity.Setting}', $1, true)");
        naming.Parameters.Add(new NpgsqlParameter { Value = company.IsUnrestricted ? "*" : string.Join(',', company.Allowed) });
        batch.BatchCommands.Add(naming);
        statement = Statement(batch);
        return batch;
    }

    private static NpgsqlBatchCommand Statement(NpgsqlBatch batch)
    {
        var statement = new NpgsqlBatchCommand();
        batch.BatchCommands.Add(statement);
        return statement;
    }

    // A caller of one company (most are) gets an equality, which lets an index on (company_id, field) return rows in the
    // field's order: a sorted page of a large table reads one page of the index instead of sorting the company's rows.
    private string Companies(NpgsqlBatchCommand command, string alias = "") =>
        company.IsUnrestricted ? "true"
        : company.Allowed is [var only] ? $"{alias}company_id = {Parameter(command, only)}"
        : $"{alias}company_id = ANY ({Parameter(command, company.Allowed.ToArray())})";

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

    private static async Task<List<Dictionary<string, object?>>> ReadAsync(NpgsqlBatch batch, Projection projection, CancellationToken cancellationToken)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        return await ReadRowsAsync(reader, projection, cancellationToken);
    }

    private static async Task<List<Dictionary<string, object?>>> ReadRowsAsync(NpgsqlDataReader reader, Projection projection, CancellationToken cancellationToken)
    {
        var records = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(cancellationToken)) records.Add(projection.Read(reader));
        return records;
    }
}
