using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// The extra fields administrators gave a module's or plugin's entity: columns <c>x_&lt;field&gt;</c> of its table, in its
/// API as <c>extra</c>, and a workflow over them. <paramref name="Version"/> is the extension's revision (0 before its first field).
/// </summary>
public sealed record EntityExtensionDto(string Entity, string Label, string Table, int Version, IReadOnlyList<FieldDefinitionDto> Fields, WorkflowDto? Workflow);

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

public sealed record SaveEntityExtensionRequest([Required, MaxLength(200)] IReadOnlyList<FieldDefinitionDto> Fields, int Version, WorkflowDto? Workflow = null);
