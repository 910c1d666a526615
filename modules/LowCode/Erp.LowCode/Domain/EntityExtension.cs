using Erp.Kernel.Data;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// The extra fields of a module's or plugin's entity (<see cref="ExtensibleEntityDefinition"/>): columns of the owner's
/// table, named <see cref="ColumnPrefix"/> and the field's name, brought to each revision by the same planner as a
/// low-code table. The owner's migrations never name such a column, so they survive the owner's upgrades.
/// </summary>
public sealed class EntityExtension : AuditedAggregateRoot
{
    /// <summary>Before every extra field's column name: no owner names a column so.</summary>
    public const string ColumnPrefix = "x_";

    private EntityExtension() { }

    /// <summary>The extensible entity's name (<c>sample.exchange_rate</c>).</summary>
    public string Entity { get; private set; } = null!;

    /// <summary>Applied revisions: one for each change.</summary>
    public int Revision { get; private set; }

    public List<FieldDefinition> Fields { get; private set; } = [];

    /// <summary>The states the owner's rows go through, held by one of the extra fields; null when there is none.</summary>
    public Workflow? Workflow { get; private set; }

    /// <summary>Rules run on the owner's rows when the owner tells of an event or a row enters a state of the workflow.</summary>
    public List<AutomationDto> Automations { get; private set; } = [];

    public static EntityExtension New(string entity) => new() { Entity = entity };

    /// <summary>The fields with their columns' prefix: what the planner and the model work with.</summary>
    public static IReadOnlyList<FieldDefinition> Columns(IEnumerable<FieldDefinition> fields) =>
        [.. fields.Select(f => f.WithColumnPrefix(ColumnPrefix))];

    /// <summary>The owner's table, quoted.</summary>
    public static string TableOf(ExtensibleEntityDefinition owner) => $"\"{owner.Schema}\".\"{owner.Table}\"";

    /// <summary>Takes the applied fields, workflow and automations; the caller has run the fields' plan in the same transaction.</summary>
    public void Apply(IEnumerable<FieldDefinition> fields, Workflow? workflow, IEnumerable<AutomationDto> automations)
    {
        (Fields, Workflow, Automations) = ([.. fields], workflow, [.. automations]);
        Revision++;
    }
}
