using Erp.Kernel;
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

    /// <summary>
    /// Records a reference field (<c>customer</c>, or a lines field's <c>lines.product</c>) may point to, for a form's
    /// search-as-you-type: those of the referenced entity (or a module's or plugin's rows) the caller sees in the record's
    /// company (<paramref name="record"/>'s, or the request's for a new one: a reference into another company is no value),
    /// whose display value contains <paramref name="search"/>, ordered by it. Needs what expanding the reference needs: both
    /// entities' read permissions and the field's.
    /// </summary>
    public async Task<IReadOnlyList<ReferenceOptionDto>> ReferenceOptionsAsync(string entity, string field, Guid? record, string? search, int take,
        CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        var reference = ReferenceField(model, access, field) ?? throw new InvalidFieldsException("field", LowCodeErrors.NotAReference, field);
        var companyId = record is { } id
            ? (Guid)((await ReadOneAsync(model, access, id, null, null, cancellationToken))?["companyId"] ?? throw new NotFoundException(LowCodeErrors.RecordNotFound, entity, id))
            : company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
        var (target, targetAccess) = await ReferencedAsync(reference, cancellationToken);
        var display = target.Fields.GetValueOrDefault(DisplayOf(target) ?? "") is { HasColumn: true } shown && targetAccess.CanRead(shown) ? $"r.{shown.Column}::text" : "r.id::text";

        await using var batch = Batch(out var command);
        var matching = string.IsNullOrWhiteSpace(search) ? "" : $" AND {display} ILIKE '%' || {Parameter(command, LikePattern.Escape(search.Trim()))} || '%'";
        command.CommandText = $"SELECT r.id, {display} FROM {target.Table} r WHERE r.company_id = {Parameter(command, companyId)} AND {Visible(command, targetAccess, "r")}" +
                              $"{matching} ORDER BY 2, 1 LIMIT {take}";
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken); // past set_config's row
        var options = new List<ReferenceOptionDto>();
        while (await reader.ReadAsync(cancellationToken)) options.Add(new ReferenceOptionDto(reader.GetGuid(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        return options;
    }

    /// <summary>The property of a referenced record that names it: its entity's display field, or a module's or plugin's display column.</summary>
    private static string? DisplayOf(TableModel target) => target is EntityModel entity ? entity.DisplayField : ExtensionModel.DisplayField;

    private static FieldDefinition? ReferenceField(EntityModel model, RecordAccess access, string path)
    {
        var (name, child) = path.Split('.', 2) is [var own, var line] ? (own, line) : (path, null);
        if (model.Fields.GetValueOrDefault(name) is not { } field || !access.CanRead(field)) return null;
        if (child is not null) field = model.Lines.TryGetValue(name, out var lines) ? lines.Fields.GetValueOrDefault(child) : null;
        return field is { Type: FieldType.Reference } ? field : null;
    }
}
