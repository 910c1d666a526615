using System.Text.Json;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>What a bulk write did: the records it created and changed (as they are now), and the ids it deleted.</summary>
internal sealed record BulkResult(List<Dictionary<string, object?>> Created, List<Dictionary<string, object?>> Updated, List<Guid> Deleted);

/// <summary>The writes of <see cref="DataService"/>: create, change, delete and bulk, with their lines, references and audit records.</summary>
internal sealed partial class DataService
{
    /// <summary>The most records one bulk write creates, changes and deletes together.</summary>
    public const int MaxBulk = 500;

    public async Task<Dictionary<string, object?>> CreateAsync(string entity, JsonElement body, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Create(entity), cancellationToken);
        var values = model.Values(body, creating: true, access);
        var companyId = company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        return access.Redact(await WriteAsync(model, values,
            (connection, transaction) => InsertRecordAsync(model, access, values, companyId, connection, transaction, cancellationToken), cancellationToken));
    }

    private async Task<Dictionary<string, object?>> InsertRecordAsync(EntityModel model, RecordAccess access, Dictionary<string, object?> values, Guid companyId,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await CheckReferencesAsync(model, values, companyId, connection, transaction, cancellationToken);
        await CheckAttachmentsAsync(model, null, values, cancellationToken);
        foreach (var field in model.Columns.Where(f => f.Type == FieldType.Autonumber))
            values[field.Name] = await db.NextAsync($"LowCode.{field.Id:N}", field.NumberFormat!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (model.Workflow is { } workflow) values[workflow.Field] = workflow.Initial.Name;
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
        await CheckWithinRulesAsync(model, access, (Guid)created["id"]!, connection, transaction, cancellationToken);
        Audit(model, created, EntityChangeType.Created, columnValues.Select(v => (v.Key, (object?)null, v.Value)));
        if (model.Workflow is { } started)
            db.StateChanges.Add(StateChange.Of(model.Name, (Guid)created["id"]!, companyId, null, started.Initial.Name, null, null, clock.GetUtcNow(), caller.UserId));
        var written = await WriteLinesAsync(model, access, created, values, connection, transaction, cancellationToken);
        await PublishAsync(model, (Guid)created["id"]!, companyId, RecordEvent.Created, null, connection, transaction, cancellationToken);
        await TriggerAsync(model, (Guid)created["id"]!, companyId, OnCreate(model), connection, transaction, cancellationToken);
        return written;
    }

    /// <summary>
    /// Changes the fields <paramref name="body"/> names; <c>version</c> must be the record's (409 otherwise). A lines field
    /// given is the record's lines from then on: lines with an id replace those, lines without one are added, and the
    /// record's lines not given are deleted.
    /// </summary>
    public async Task<Dictionary<string, object?>> UpdateAsync(string entity, Guid id, JsonElement body, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Update(entity), cancellationToken);
        var (values, expected) = Change(model, access, body);
        return access.Redact(await WriteAsync(model, values,
            (connection, transaction) => UpdateRecordAsync(model, access, id, values, expected, connection, transaction, cancellationToken), cancellationToken));
    }

    // A change's values and the version it is based on.
    private static (Dictionary<string, object?> Values, uint Version) Change(EntityModel model, RecordAccess access, JsonElement body)
    {
        var values = model.Values(body, creating: false, access);
        return body.TryGetProperty("version", out var version) && version.TryGetUInt32(out var expected) ? (values, expected)
            : throw new InvalidFieldsException("version", LowCodeErrors.ValueRequired);
    }

    private async Task<Dictionary<string, object?>> UpdateRecordAsync(EntityModel model, RecordAccess access, Guid id, Dictionary<string, object?> values,
        uint expected, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var before = await LockAsync(model, access, id, connection, transaction, cancellationToken);
        CheckNotReadOnly(model, before);
        await CheckReferencesAsync(model, values, (Guid)before["companyId"]!, connection, transaction, cancellationToken);
        await CheckAttachmentsAsync(model, id, values, cancellationToken);
        var columnValues = values.Where(v => model.Fields[v.Key].HasColumn).ToList();
        await using var batch = Batch(out var command, connection, transaction);
        // The record's row changes even when only its lines do: its version moves, so a stale copy of the lines conflicts too.
        var sets = new List<string> { "modified_at = now()", $"modified_by = {Parameter(command, caller.UserId)}" };
        sets.AddRange(columnValues.Select(v => $"{model.Fields[v.Key].Column} = {Parameter(command, v.Value)}"));
        command.CommandText = $"UPDATE {model.Table} SET {string.Join(", ", sets)} WHERE id = {Parameter(command, id)} AND {Companies(command)} " +
                               $"AND xmin = {Version(command, expected)} RETURNING {model.SelectList}";
        var updated = (await ReadAsync(batch, Projection.Columns(model), cancellationToken)).SingleOrDefault()
            ?? throw new DbUpdateConcurrencyException($"{model.Name} {id} changed since version {expected}.");
        await CheckWithinRulesAsync(model, access, id, connection, transaction, cancellationToken);
        Audit(model, updated, EntityChangeType.Updated, columnValues.Select(v => (v.Key, before[v.Key], updated[v.Key])));
        var written = await WriteLinesAsync(model, access, updated, values, connection, transaction, cancellationToken);
        await PublishAsync(model, id, (Guid)updated["companyId"]!, RecordEvent.Updated, null, connection, transaction, cancellationToken);
        await TriggerAsync(model, id, (Guid)updated["companyId"]!, OnChange(before, updated), connection, transaction, cancellationToken);
        return written;
    }

    public async Task DeleteAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Delete(entity), cancellationToken);
        await WriteAsync(model, new Dictionary<string, object?>(), async (connection, transaction) =>
        {
            await DeleteRecordAsync(model, access, id, connection, transaction, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task DeleteRecordAsync(EntityModel model, RecordAccess access, Guid id, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (model.Workflow?.States.Any(s => s.ReadOnly) == true) CheckNotReadOnly(model, await LockAsync(model, access, id, connection, transaction, cancellationToken));

        // Its lines go with it (the foreign key would cascade); deleted first, by statements of their own, their old values are audited too.
        await using var batch = Batch(out var command, connection, transaction);
        batch.BatchCommands.Remove(command);
        foreach (var lines in model.Lines.Values)
        {
            var statement = Statement(batch);
            statement.CommandText = $"DELETE FROM {lines.Table} WHERE parent_id = {Parameter(statement, id)} RETURNING {lines.SelectList}";
        }

        batch.BatchCommands.Add(command);
        command.CommandText = $"DELETE FROM {model.Table} t WHERE t.id = {Parameter(command, id)} AND {Visible(command, access, "t")} RETURNING {model.SelectList}";

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        var deletedLines = new List<(LinesModel, Dictionary<string, object?>)>();
        foreach (var lines in model.Lines.Values)
        {
            deletedLines.AddRange((await ReadRowsAsync(reader, Projection.Columns(lines), cancellationToken)).Select(line => (lines, line)));
            await reader.NextResultAsync(cancellationToken);
        }

        var deleted = (await ReadRowsAsync(reader, Projection.Columns(model), cancellationToken)).SingleOrDefault()
            ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, model.Name, id);
        var companyId = (Guid)deleted["companyId"]!;
        Audit(model, deleted, EntityChangeType.Deleted, model.Columns.Select(f => (f.Name, deleted[f.Name], (object?)null)));
        foreach (var (lines, line) in deletedLines) AuditLine(lines, (Guid)line["id"]!, companyId, EntityChangeType.Deleted, lines.Columns.Select(f => (f.Name, line[f.Name], (object?)null)));
        await PublishAsync(model, id, companyId, RecordEvent.Deleted, deleted, connection, transaction, cancellationToken);
    }

    /// <summary>
    /// Creates, changes and deletes records of one entity in one transaction: all of them, or none (the first refusal
    /// names its item, <c>update[2].amount</c>). Each kind needs its permission.
    /// </summary>
    public async Task<BulkResult> BulkAsync(string entity, BulkRecordsRequest request, CancellationToken cancellationToken)
    {
        var read = DataPermissions.Read(entity);
        var (creates, updates, deletes) = (request.Create ?? [], request.Update ?? [], request.Delete ?? []);
        if (creates.Count + updates.Count + deletes.Count > MaxBulk) throw new InvalidFieldsException("body", LowCodeErrors.TooManyRecords, MaxBulk);
        var (model, access) = await ModelAsync(entity, read, cancellationToken);
        foreach (var (count, permission) in new[] { (creates.Count, DataPermissions.Create(entity)), (updates.Count, DataPermissions.Update(entity)),
                     (deletes.Count, DataPermissions.Delete(entity)) })
        {
            if (count > 0) await ModelAsync(entity, permission, cancellationToken);
        }

        var errors = new Dictionary<string, LocalizableText[]>();
        T? Checked<T>(string prefix, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (InvalidFieldsException invalid)
            {
                foreach (var (key, texts) in invalid.Errors) errors[$"{prefix}.{key}"] = texts;
                return default;
            }
        }

        var created = creates.Select((body, i) => Checked($"create[{i}]", () => model.Values(body, creating: true, access))).ToList();
        var changed = updates.Select((body, i) => Checked($"update[{i}]", () => (Id: Id(body), Change: Change(model, access, body)))).ToList();
        if (errors.Count > 0) throw new InvalidFieldsException(errors);
        var companyId = creates.Count == 0 ? Guid.Empty : company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);

        return await WriteAsync(model, new Dictionary<string, object?>(), async (connection, transaction) =>
        {
            async Task<T> ItemAsync<T>(string prefix, Func<Task<T>> write)
            {
                try
                {
                    return await write();
                }
                catch (InvalidFieldsException invalid)
                {
                    throw new InvalidFieldsException(invalid.Errors.ToDictionary(e => $"{prefix}.{e.Key}", e => e.Value));
                }
                catch (NotFoundException)
                {
                    throw new InvalidFieldsException($"{prefix}.id", LowCodeErrors.RecordNotFound, model.Name, null);
                }
            }

            var result = new BulkResult([], [], []);
            for (var i = 0; i < created.Count; i++)
                result.Created.Add(access.Redact(await ItemAsync($"create[{i}]", () => InsertRecordAsync(model, access, created[i]!, companyId, connection, transaction, cancellationToken))));
            for (var i = 0; i < changed.Count; i++)
            {
                var (id, (values, version)) = changed[i];
                result.Updated.Add(access.Redact(await ItemAsync($"update[{i}]", () => UpdateRecordAsync(model, access, id, values, version, connection, transaction, cancellationToken))));
            }

            for (var i = 0; i < deletes.Count; i++)
            {
                var id = deletes[i];
                await ItemAsync($"delete[{i}]", async () =>
                {
                    await DeleteRecordAsync(model, access, id, connection, transaction, cancellationToken);
                    return true;
                });
                result.Deleted.Add(id);
            }

            return result;
        }, cancellationToken);
    }

    private static Guid Id(JsonElement body) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) && id.TryGetGuid(out var value)
        ? value : throw new InvalidFieldsException("id", LowCodeErrors.ValueRequired);

    // The record as it is, locked for the change: its old values for the audit record, and a 404 when the caller cannot see it.
    private async Task<Dictionary<string, object?>> LockAsync(EntityModel model, RecordAccess access, Guid id, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = Batch(out var command, connection, transaction);
        command.CommandText = $"SELECT {model.SelectList} FROM {model.Table} t WHERE t.id = {Parameter(command, id)} AND {Visible(command, access, "t")} FOR UPDATE";
        return (await ReadAsync(batch, Projection.Columns(model), cancellationToken)).SingleOrDefault() ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, model.Name, id);
    }

    // The change reaches the subscribers (webhooks) of the record's company, published in its transaction: the record whole,
    // as the system reads it (before the change, for a delete), whoever made it. An entity nobody subscribed to costs one
    // cached look-up.
    private async Task PublishAsync(EntityModel model, Guid id, Guid companyId, RecordEvent change, Dictionary<string, object?>? deleted,
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (!await subscriptions.WantedAsync(db, companyId, model.Name, change, cancellationToken)) return;
        var record = deleted ?? await ReadOneAsync(model, model.FullAccess, id, connection, transaction, cancellationToken);
        db.Publish(new RecordChangedIntegrationEvent(model.Name, id, companyId, change, JsonSerializer.SerializeToElement(record, JsonSerializerOptions.Web), clock.GetUtcNow()));
    }

    // A record in a read-only state of its workflow (a posted invoice) is neither changed nor deleted; transitions still move it.
    private static void CheckNotReadOnly(EntityModel model, Dictionary<string, object?> record)
    {
        if (model.Workflow is { } workflow && record.GetValueOrDefault(workflow.Field) is string state && workflow.IsReadOnly(state))
            throw new BusinessRuleException(LowCodeErrors.ReadOnlyState, state);
    }

    // A record created or changed by a caller with record rules stays among the records theirs let them work with: no
    // one writes a record out of their own sight (or into another's).
    private async Task CheckWithinRulesAsync(EntityModel model, RecordAccess access, Guid id, NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (access.Rules is null) return;
        await using var batch = Batch(out var command, connection, transaction);
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {model.Table} t WHERE t.id = {Parameter(command, id)} AND {Visible(command, access, "t")})";
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        await reader.ReadAsync(cancellationToken);
        if (!reader.GetBoolean(0)) throw new ForbiddenException(LowCodeErrors.OutsideRecordRules, model.Name);
    }

    // The lines fields a write gives, written after the record: the record with all its lines, as they are now, is the answer.
    private async Task<Dictionary<string, object?>> WriteLinesAsync(EntityModel model, RecordAccess access, Dictionary<string, object?> record,
        Dictionary<string, object?> values, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
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
                var columns = lines.Settable.Select(f => (f.Column, Value: line.Values.GetValueOrDefault(f.Name))).ToList();
                if (line.Id is null)
                {
                    var parameters = columns.Select(c => Parameter(statement, c.Value)).ToList();
                    statement.CommandText = $"INSERT INTO {lines.Table} (id, parent_id, company_id, line_no, {string.Join(", ", columns.Select(c => c.Column))}) " +
                                            $"VALUES ({Parameter(statement, lineId)}, {Parameter(statement, id)}, {Parameter(statement, companyId)}, {i + 1}, {string.Join(", ", parameters)})";
                    AuditLine(lines, lineId, companyId, EntityChangeType.Created,
                        lines.Settable.Select(f => (f.Name, (object?)null, line.Values.GetValueOrDefault(f.Name))));
                }
                else
                {
                    var sets = columns.Select(c => $"{c.Column} = {Parameter(statement, c.Value)}").Prepend($"line_no = {i + 1}");
                    statement.CommandText = $"UPDATE {lines.Table} SET {string.Join(", ", sets)} WHERE id = {Parameter(statement, lineId)} AND parent_id = {Parameter(statement, id)}";
                    var old = existing[lineId];
                    var changed = lines.Settable.Where(f => !Same(old[f.Name], line.Values.GetValueOrDefault(f.Name))).ToList();
                    if (changed.Count > 0)
                        AuditLine(lines, lineId, companyId, EntityChangeType.Updated, changed.Select(f => (f.Name, old[f.Name], line.Values.GetValueOrDefault(f.Name))));
                }
            }

            foreach (var (lineId, old) in removed) AuditLine(lines, lineId, companyId, EntityChangeType.Deleted, lines.Columns.Select(f => (f.Name, old[f.Name], (object?)null)));
            await CheckLineReferencesAsync(lines, given, companyId, connection, transaction, cancellationToken);
            if (batch.BatchCommands.Count > 1) await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ReadOneAsync(model, access, id, connection, transaction, cancellationToken) ?? record;
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

    private void Audit(EntityModel model, Dictionary<string, object?> record, EntityChangeType change, IEnumerable<(string, object?, object?)> values) =>
        EntityChangeAuditing.Record(db, $"{SchemaPlanner.DataSchema}.{model.Name}", record["id"]!.ToString()!, (Guid)record["companyId"]!, change, values, caller,
            clock.GetUtcNow());

    private void AuditLine(LinesModel lines, Guid line, Guid companyId, EntityChangeType change, IEnumerable<(string, object?, object?)> values) =>
        EntityChangeAuditing.Record(db, $"{SchemaPlanner.DataSchema}.{lines.Name}", line.ToString(), companyId, change, values, caller, clock.GetUtcNow());
}
