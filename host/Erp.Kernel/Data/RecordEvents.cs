using System.Text.Json;

namespace Erp.Kernel.Data;

/// <summary>
/// Something that happens to rows of an <see cref="ExtensibleEntityDefinition"/> (an order confirmed, a product's stock
/// below its reorder level) that administrators' automations on the entity may run on. Declared by the module or plugin
/// that publishes the integration event it comes from (<c>ModuleServices.AddRecordEvent</c>), which need not be the
/// entity's owner: inventory tells of products' stock.
/// </summary>
/// <param name="Entity">The extensible entity (<c>catalog.product</c>).</param>
/// <param name="Name">Lower-case letters, digits and underscores (<c>stock_below_reorder_level</c>): what automations name.</param>
/// <param name="Label">What administrators read.</param>
public sealed record RecordEventDefinition(string Entity, string Name, string Label);

/// <summary>One row's event, with the integration event it came from as <paramref name="Data"/> (JSON, as published).</summary>
public sealed record RecordEventOccurrence(string Entity, string Event, Guid RecordId, Guid CompanyId, JsonElement Data);

/// <summary>
/// Runs the automations an event of a row triggers: the low-code engine's. Called in the delivery of the integration event,
/// in its transaction: what the automations write commits with the delivery, or is retried with it.
/// </summary>
public interface IRecordEventAutomations
{
    Task OccurredAsync(RecordEventOccurrence occurrence, CancellationToken cancellationToken);
}
