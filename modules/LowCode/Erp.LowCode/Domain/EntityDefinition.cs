using System.Text.Json.Serialization;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// A business object an administrator defined: its names, its fields, and the revision its table was last brought to.
/// The definition is the source of truth; the table under <c>data</c> follows it, one applied revision at a time
/// (<see cref="EntityRevision"/> keeps each).
/// </summary>
public sealed class EntityDefinition : AuditedAggregateRoot
{
    private EntityDefinition() { }

    /// <summary>The table's name, fixed once the entity exists.</summary>
    public string Name { get; private set; } = null!;

    public string Label { get; private set; } = null!;
    public string PluralLabel { get; private set; } = null!;
    public string? DisplayField { get; private set; }
    public string? Icon { get; private set; }

    /// <summary>Applied revisions: 1 when the table was created, one more for each change.</summary>
    public int Revision { get; private set; }

    public List<FieldDefinition> Fields { get; private set; } = [];

    /// <summary>Which records the callers holding each rule work with (<see cref="RecordAccess"/>); none: every record.</summary>
    public List<RecordRule> RecordRules { get; private set; } = [];

    /// <summary>The states its records go through, and the transitions between them; null when it has none.</summary>
    public Workflow? Workflow { get; private set; }

    /// <summary>How the SPA shows it (form, list); null for the defaults.</summary>
    public EntityUiDto? Ui { get; private set; }

    /// <summary>The rules that act on its records (checked; compiled into <see cref="EntityModel.Automations"/>).</summary>
    public List<AutomationDto> Automations { get; private set; } = [];

    public string Table => SchemaPlanner.Table(Name);

    public static EntityDefinition New(string name) => new() { Name = name };

    /// <summary>The definition as it is, for a change of one part of it.</summary>
    public EntityShape Shape => new(Label, PluralLabel, DisplayField, Icon, Fields, RecordRules, Workflow, Ui, Automations);

    /// <summary>Takes the applied shape; the caller has run its plan in the same transaction.</summary>
    public void Apply(EntityShape shape)
    {
        (Label, PluralLabel, DisplayField, Icon, Fields, RecordRules, Workflow, Ui, Automations) =
            (shape.Label, shape.PluralLabel, shape.DisplayField, shape.Icon, [.. shape.Fields], [.. shape.RecordRules], shape.Workflow, shape.Ui, [.. shape.Automations]);
        Revision++;
    }
}

/// <summary>One field: a typed column of the entity's table. Its id survives renames, so its data does.</summary>
public sealed class FieldDefinition
{
    public Guid Id { get; set; }
    public string Name { get; set; } = null!;
    public string Label { get; set; } = null!;
    public FieldType Type { get; set; }
    public bool Required { get; set; }
    public bool Unique { get; set; }
    public bool Indexed { get; set; }
    public int? MaxLength { get; set; }
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public string? Pattern { get; set; }
    public List<string> Choices { get; set; } = [];
    public string? References { get; set; }
    public bool Deleted { get; set; }
    public string? NumberFormat { get; set; }
    public bool Searchable { get; set; }

    /// <summary>Seen only by holders of the field's read permission (<see cref="DataPermissions.ReadField"/>).</summary>
    public bool ReadRestricted { get; set; }

    /// <summary>Set only by holders of the field's write permission (<see cref="DataPermissions.WriteField"/>).</summary>
    public bool WriteRestricted { get; set; }

    /// <summary>
    /// A computed field's expression; its <see cref="Type"/> is what the expression makes (<see cref="FieldType.Number"/>
    /// or <see cref="FieldType.Text"/>), so it is read, filtered and sorted as a field of that type.
    /// </summary>
    public string? Expression { get; set; }

    /// <summary>The SQL of <see cref="Expression"/> over the table's columns, as the rules compiled it for a change's plan.</summary>
    [JsonIgnore]
    public string? ComputedSql { get; set; }

    /// <summary>
    /// The table a reference field's foreign key names (quoted, schema-qualified: a low-code entity's or a module's or plugin's
    /// entity's), as the rules settled it for a change's plan.
    /// </summary>
    [JsonIgnore]
    public string? ReferencedTable { get; set; }

    /// <summary>A lines field's own fields: the columns of its table.</summary>
    public List<FieldDefinition> Fields { get; set; } = [];

    /// <summary>Whether the field is a column of its table (a lines field is a table of its own instead).</summary>
    [JsonIgnore]
    public bool HasColumn => Type != FieldType.Lines;

    /// <summary>A lines field's table, named after the entity and the field (<c>order__lines</c>).</summary>
    public string LinesTable(string entity) => $"{entity}__{Name}";

    /// <summary>A copy that is hidden: the field as a definition that leaves it out keeps it.</summary>
    public FieldDefinition Hidden()
    {
        var copy = Copy();
        copy.Deleted = true;
        return copy;
    }

    /// <summary>
    /// This field, or a copy in which the field <paramref name="id"/> (this one, or one of its lines' fields) has no index
    /// (after a concurrent build of its index failed).
    /// </summary>
    public FieldDefinition WithoutIndex(Guid id)
    {
        if (Id != id && Fields.All(f => f.Id != id)) return this;
        var copy = Copy();
        if (Id == id) (copy.Unique, copy.Indexed) = (false, false);
        else copy.Fields = [.. Fields.Select(f => f.WithoutIndex(id))];
        return copy;
    }

    /// <summary>This field and, for a lines field, its lines' fields.</summary>
    public IEnumerable<FieldDefinition> WithLineFields() => Fields.Prepend(this);

    /// <summary>A copy of a lines field without one of its fields (purged).</summary>
    public FieldDefinition Without(FieldDefinition field)
    {
        var copy = Copy();
        copy.Fields = [.. copy.Fields.Where(f => f.Id != field.Id)];
        return copy;
    }

    private FieldDefinition Copy()
    {
        var copy = (FieldDefinition)MemberwiseClone();
        copy.Choices = [.. Choices];
        copy.Fields = [.. Fields.Select(f => f.Copy())];
        return copy;
    }

    /// <summary>The column, quoted: the field's name (an extra field's after <see cref="EntityExtension.ColumnPrefix"/>).</summary>
    [JsonIgnore]
    public string Column => _column ?? $"\"{Name}\"";

    private string? _column;

    /// <summary>A copy whose column is named <paramref name="prefix"/> and the field's name (an extra field's).</summary>
    public FieldDefinition WithColumnPrefix(string prefix)
    {
        var copy = Copy();
        copy._column = $"\"{prefix}{Name}\"";
        return copy;
    }

    /// <summary>A text field read from a column of a module's or plugin's table that is named otherwise (its display column).</summary>
    public static FieldDefinition OfOwnerColumn(string name, string label, string column) =>
        new() { Name = name, Label = label, Type = FieldType.LongText, _column = SqlIdentifiers.Quoted(column) };

    /// <summary>The column as reads select it: a money field's composite value as JSON, which needs no type mapping to read.</summary>
    [JsonIgnore]
    public string Selected => Type == FieldType.Money ? $"to_jsonb({Column})" : Column;
}

/// <summary>What a definition should become: the request, checked, with every field's id settled.</summary>
public sealed record EntityShape(string Label, string PluralLabel, string? DisplayField, string? Icon, IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyList<RecordRule> RecordRules, Workflow? Workflow, EntityUiDto? Ui, IReadOnlyList<AutomationDto> Automations);

/// <summary>A record rule (<see cref="RecordRuleDto"/>): a permission of its own, and the records it lets its holders work with.</summary>
public sealed record RecordRule(string Name, string Label, RecordRuleKind Kind, RecordFilter? Filter);

/// <summary>One applied revision: the definition as it was applied, and the statements that applied it.</summary>
public sealed class EntityRevision : Entity<Guid>
{
    private EntityRevision() { }

    public Guid EntityId { get; private set; }
    public int Revision { get; private set; }

    /// <summary>The definition after this revision (JSON), for history and comparison.</summary>
    public string Definition { get; private set; } = null!;

    public List<string> Statements { get; private set; } = [];
    public DateTimeOffset AppliedAt { get; private set; }
    public Guid? AppliedBy { get; private set; }

    public static EntityRevision Of(EntityDefinition entity, string definition, IReadOnlyList<string> statements, DateTimeOffset at, Guid? by) => new()
    {
        Id = Guid.CreateVersion7(), EntityId = entity.Id, Revision = entity.Revision, Definition = definition, Statements = [.. statements], AppliedAt = at, AppliedBy = by,
    };
}
