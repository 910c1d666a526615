using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// Extra fields' values for their owners' APIs: read in one statement for a page of rows, checked as low-code values are,
/// and written on the owner's connection in the owner's transaction, audited there with the owner's own changes
/// (<c>extra.&lt;field&gt;</c>, old and new). The owner's endpoint has checked its permission.
/// </summary>
internal sealed class ExtraFields(ExtensionModels models, NpgsqlDataSource data, ICurrentCompany company, ICurrentUser caller, TimeProvider clock) : IExtraFields
{
    public async Task<IReadOnlyDictionary<Guid, JsonObject>> ReadAsync(string entity, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, cancellationToken);
        if (model.Columns.Count == 0 || ids.Count == 0) return new Dictionary<Guid, JsonObject>();
        var projection = new Projection(model.Columns, [], isRecord: false);
        await using var batch = DataService.Named(data.CreateBatch(), company, out var statement);
        statement.CommandText = $"SELECT {projection.Sql} FROM {model.Table} t WHERE t.id = ANY ({DataService.Parameter(statement, ids.ToArray())}) AND {DataService.InCompanies(statement, company, "t.")}";
        var extras = new Dictionary<Guid, JsonObject>();
        foreach (var values in await DataService.ReadAsync(batch, projection, cancellationToken))
        {
            var id = (Guid)values["id"]!;
            values.Remove("id");
            extras[id] = JsonSerializer.SerializeToNode(values, JsonSerializerOptions.Web)!.AsObject();
        }

        return extras;
    }

    public async Task CheckAsync(string entity, JsonElement? extra, bool creating, CancellationToken cancellationToken) =>
        (await ModelAsync(entity, cancellationToken)).Values(extra, creating);

    public async Task WriteAsync(string entity, Guid id, JsonElement? extra, DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var model = await ModelAsync(entity, cancellationToken);
        var values = model.Values(extra, creating: false);
        if (values.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException($"Write {entity}'s extra fields in the transaction that saves its row.");
        // The values as they were (the row locked), then the change, which names the row's company for the audit record.
        var written = values.Keys.Select(name => model.Fields[name]).ToList();
        var before = new Projection(written, [], isRecord: false);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = DataService.Named(new NpgsqlBatch(connection, transaction), company, out var reading);
        reading.CommandText = $"SELECT {before.Sql} FROM {model.Table} t WHERE t.id = {DataService.Parameter(reading, id)} AND {DataService.InCompanies(reading, company, "t.")} FOR UPDATE";
        var statement = DataService.Statement(batch);
        var sets = written.Select(f => $"{f.Column} = {DataService.Parameter(statement, values[f.Name])}").ToList();
        statement.CommandText = $"UPDATE {model.Table} t SET {string.Join(", ", sets)} WHERE t.id = {DataService.Parameter(statement, id)} AND {DataService.InCompanies(statement, company, "t.")} RETURNING t.company_id";
        try
        {
            Dictionary<string, object?>? old = null;
            Guid? companyId = null;
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                await reader.NextResultAsync(cancellationToken); // past set_config's row
                if (await reader.ReadAsync(cancellationToken)) old = before.Read(reader);
                await reader.NextResultAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken)) companyId = reader.GetGuid(0);
            }

            if (old is null) throw new InvalidOperationException($"Write {entity} {id}'s extra fields after saving it, in the request's companies.");
            await DataService.CheckReferencesAsync([.. values.Select(v => ($"extra.{v.Key}", model.Fields[v.Key], v.Value))], companyId!.Value, connection, transaction,
                company, models.Owners, cancellationToken);
            EntityChangeAuditing.Record(db, model.Owner.EntityType.FullName!, id.ToString(), companyId, EntityChangeType.Updated,
                written.Select(f => ($"extra.{f.Name}", old[f.Name], values[f.Name])), caller, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (PostgresException taken) when (taken.SqlState == PostgresErrorCodes.UniqueViolation && model.FieldOf(taken.ConstraintName) is { } field)
        {
            throw new BusinessRuleException(LowCodeErrors.ValueNotUnique, field.Name, values.GetValueOrDefault(field.Name));
        }
        catch (PostgresException gone) when (gone.SqlState == PostgresErrorCodes.ForeignKeyViolation && model.FieldOf(gone.ConstraintName) is { } field)
        {
            throw new InvalidFieldsException($"extra.{field.Name}", LowCodeErrors.ReferenceNotFound, field.References, null);
        }
    }

    public async Task CheckWritableAsync(string entity, Guid id, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(entity, cancellationToken);
        if (model.Workflow is not { } workflow || workflow.States.All(s => !s.ReadOnly)) return;
        var state = model.Fields[workflow.Field];
        await using var batch = DataService.Named(data.CreateBatch(), company, out var statement);
        statement.CommandText = $"SELECT {state.Column} FROM {model.Table} t WHERE t.id = {DataService.Parameter(statement, id)} AND {DataService.InCompanies(statement, company, "t.")}";
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) && workflow.IsReadOnly(reader.GetString(0)))
            throw new BusinessRuleException(LowCodeErrors.ReadOnlyState, reader.GetString(0));
    }

    private async Task<ExtensionModel> ModelAsync(string entity, CancellationToken cancellationToken) =>
        await models.GetAsync(entity, cancellationToken) ?? throw new InvalidOperationException($"No module declared {entity} extensible.");
}
