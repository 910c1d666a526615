using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// The extra fields of a module's or plugin's entity, compiled once per revision: how an <c>extra</c> object is read and
/// checked (as a low-code record's values are), and which columns of the owner's table hold them.
/// </summary>
public sealed class ExtensionModel(ExtensibleEntityDefinition owner, EntityExtension? extension)
    : TableModel(owner.Name, EntityExtension.Columns(extension?.Fields ?? []), extension?.Revision ?? 0, EntityExtension.TableOf(owner))
{
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    public ExtensibleEntityDefinition Owner { get; } = owner;

    /// <summary>The states the owner's rows go through; null when there is no workflow.</summary>
    public Workflow? Workflow { get; } = extension?.Workflow;

    /// <summary>The active automations, run on the owner's events and on entries into the workflow's states.</summary>
    public IReadOnlyList<AutomationDto> Automations { get; } = [.. (extension?.Automations ?? []).Where(a => a.Active)];

    public AutomationDto? Automation(string name) => Automations.FirstOrDefault(a => a.Name == name);

    // A workflow's state changes by transitions only.
    public override bool IsSetByServer(FieldDefinition field) => base.IsSetByServer(field) || field.Name == Workflow?.Field;

    /// <summary>The visible extra fields in their order, as the owner's API shows them.</summary>
    public IReadOnlyList<FieldDefinition> OrderedFields { get; } = [.. (extension?.Fields ?? []).Where(f => !f.Deleted)];

    /// <summary>What low-code references show of the owner's rows: its display column, named so (no extra field is).</summary>
    public const string DisplayField = "display";

    /// <summary>What automations' templates read the event that triggered them as (no extra field is named so).</summary>
    public const string EventField = "event";

    /// <summary>
    /// The owner's rows as low-code references reach them (expanded, filtered through): <see cref="DisplayField"/> when the
    /// owner names a display column, and the extra fields.
    /// </summary>
    public TableModel Referenced => _referenced ??= new ReferencedRows(this);

    /// <summary>All of <see cref="Referenced"/>: the owner's read permission opens every row of the caller's companies and every field.</summary>
    public RecordAccess ReferencedAccess => _referencedAccess ??= new RecordAccess(Referenced);

    private TableModel? _referenced;
    private RecordAccess? _referencedAccess;

    private sealed class ReferencedRows(ExtensionModel extension) : TableModel(extension.Name,
        extension.Owner.DisplayColumn is { } display ? extension.Columns.Prepend(FieldDefinition.OfOwnerColumn(DisplayField, extension.Owner.Label, display)) : extension.Columns,
        extension.Revision, EntityExtension.TableOf(extension.Owner));

    /// <summary>The values <paramref name="extra"/> gives (none: an empty object), typed for their columns; a wrong one is a 400 keyed <c>extra.&lt;field&gt;</c>.</summary>
    public Dictionary<string, object?> Values(JsonElement? extra, bool creating)
    {
        var errors = new Dictionary<string, LocalizableText[]>();
        var body = extra is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given ? given : Empty;
        if (body.ValueKind != JsonValueKind.Object) throw new InvalidFieldsException("extra", LowCodeErrors.ValueInvalid, "object");
        var values = Read(body, creating, "extra.", errors);
        return errors.Count == 0 ? values : throw new InvalidFieldsException(errors);
    }
}
