using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// The extra fields administrators gave a module's or plugin's entity: columns <c>x_&lt;field&gt;</c> of its table, in its
/// API as <c>extra</c>, a workflow over them, and automations. <paramref name="Version"/> is the extension's revision (0 before its first field).
/// </summary>
/// <param name="Automations">
/// Rules run on the entity's rows when one of <paramref name="Events"/> happens to a row or it enters a state of the
/// workflow: mails, extra fields set, low-code records created. Templates read the row as <c>{{ display }}</c> (its number
/// or name) and its extra fields by name, and the event's properties as <c>{{ event.&lt;property&gt; }}</c>.
/// </param>
/// <param name="Events">What the modules and plugins tell of the entity's rows, for <see cref="AutomationTriggerKind.Event"/> triggers.</param>
public sealed record EntityExtensionDto(
    string Entity, string Label, string Table, int Version, IReadOnlyList<FieldDefinitionDto> Fields, WorkflowDto? Workflow, IReadOnlyList<AutomationDto> Automations,
    IReadOnlyList<RecordEventDto> Events);

/// <summary>An event of an extensible entity's rows automations may run on.</summary>
public sealed record RecordEventDto(string Name, string Label);

/// <param name="Fields">The extra fields as they should be; one left out is hidden (its column and data stay until purged).</param>
/// <param name="Version">The revision the change is based on: a stale one is a 409.</param>
/// <param name="Workflow">
/// States the entity's rows go through, held by an extra choice field: new rows start in the initial state (the column's
/// default, so the owner's own inserts do too; rows without a state are put there), and only transitions change it.
/// </param>
/// <param name="Comment">Why, kept in the row's state history.</param>
public sealed record ExtensionTransitionRequest([property: StringLength(1000)] string? Comment = null);

/// <summary>A row of an extended entity in its workflow: the state it is in.</summary>
public sealed record ExtensionStateDto(Guid Id, string State);

/// <param name="Automations">
/// The automations as they should be (none when left out), each triggered by an event (<see cref="AutomationTriggerKind.Event"/>)
/// or the entry into a workflow state, and acting by mail, by setting an extra field or by creating a low-code record.
/// </param>
public sealed record SaveEntityExtensionRequest(
    [Required, MaxLength(200)] IReadOnlyList<FieldDefinitionDto> Fields, int Version, WorkflowDto? Workflow = null, [MaxLength(50)] IReadOnlyList<AutomationDto>? Automations = null);
