using Erp.Kernel.Domain;
using Erp.LowCode.Domain;

namespace Erp.LowCode.Application;

/// <summary>Attachment fields in <see cref="DataService"/>: the record's own files, by id.</summary>
internal sealed partial class DataService
{
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
