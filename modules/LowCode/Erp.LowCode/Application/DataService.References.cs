using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.LowCode.Domain;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>What a write in <see cref="DataService"/> refers to: records of the same company, and the record's own files.</summary>
internal sealed partial class DataService
{
    // Every record a write refers to exists in the record's own company: the foreign key alone would let a record point
    // into a company its writer does not belong to.
    private Task CheckReferencesAsync(EntityModel model, Dictionary<string, object?> values, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        CheckReferencesAsync([.. values.Select(v => (v.Key, model.Fields[v.Key], v.Value))], companyId, connection, transaction, cancellationToken);

    private Task CheckLineReferencesAsync(LinesModel lines, IReadOnlyList<LineValues> given, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        CheckReferencesAsync([.. given.SelectMany((line, i) => line.Values.Select(v => ($"{lines.Field.Name}[{i}].{v.Key}", lines.Fields[v.Key], v.Value)))],
            companyId, connection, transaction, cancellationToken);

    private Task CheckReferencesAsync(IReadOnlyList<(string Key, FieldDefinition Field, object? Value)> values, Guid companyId, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        CheckReferencesAsync(values, companyId, connection, transaction, company, extensions.Owners, cancellationToken);

    /// <summary>
    /// Refuses (400, keyed as <paramref name="values"/> are) references to records that do not exist in <paramref name="companyId"/>:
    /// low-code records, or rows of a module's or plugin's entity (one of <paramref name="owners"/>).
    /// </summary>
    internal static async Task CheckReferencesAsync(IReadOnlyList<(string Key, FieldDefinition Field, object? Value)> values, Guid companyId,
        NpgsqlConnection connection, NpgsqlTransaction transaction, ICurrentCompany caller, IReadOnlyDictionary<string, ExtensibleEntityDefinition> owners,
        CancellationToken cancellationToken)
    {
        var references = values.Where(v => v.Value is Guid && v.Field.Type == FieldType.Reference).ToList();
        if (references.Count == 0) return;
        await using var batch = Named(new NpgsqlBatch(connection, transaction), caller, out var command);
        var company = Parameter(command, companyId);
        command.CommandText = "SELECT " + string.Join(", ", references.Select(r =>
            $"EXISTS (SELECT 1 FROM {SchemaPlanner.ReferencedTable(r.Field.References!, owners)} WHERE id = {Parameter(command, r.Value)} AND company_id = {company})"));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var missing = references.Where((_, i) => !reader.GetBoolean(i)).ToDictionary(r => r.Key,
            r => new[] { new LocalizableText(LowCodeErrors.ReferenceNotFound, r.Field.References, r.Value) });
        if (missing.Count > 0) throw new InvalidFieldsException(missing);
    }

    /// <summary>Whether the record exists and the caller sees it (the attachments API asks before listing or taking a file).</summary>
    public async Task<bool> ExistsAsync(string entity, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var recordId)) return false;
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        return await ReadOneAsync(model, access, recordId, null, null, cancellationToken) is not null;
    }

    // An attachment field holds one of the record's own files: a new record has none yet, and another record's file (or
    // another company's) is no value, whoever knows its id.
    private async Task CheckAttachmentsAsync(EntityModel model, Guid? record, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var given = values.Where(v => v.Value is Guid && model.Fields[v.Key].Type == FieldType.Attachment).ToList();
        if (given.Count == 0) return;
        var attached = record is { } id
            ? await attachments.AttachedAsync(LowCodeAttachables.EntityType(model.Name), id.ToString(), [.. given.Select(v => (Guid)v.Value!)], cancellationToken)
            : new HashSet<Guid>();
        var missing = given.Where(v => !attached.Contains((Guid)v.Value!)).ToDictionary(v => v.Key, v => new[] { new LocalizableText(LowCodeErrors.AttachmentNotFound, v.Value) });
        if (missing.Count > 0) throw new InvalidFieldsException(missing);
    }
}
