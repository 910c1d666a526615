using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Erp.LowCode;

/// <summary>When an automation runs for a record.</summary>
public enum AutomationTriggerKind
{
    /// <summary>A record is created.</summary>
    Created,

    /// <summary>A record is changed (a PATCH, a bulk update, a transition).</summary>
    Updated,

    /// <summary>A change gives <c>Field</c> another value.</summary>
    FieldChanged,

    /// <summary>A record enters the workflow state <c>State</c> (created in it, or moved into it).</summary>
    StateEntered,

    /// <summary>On the <c>Cron</c> schedule (UTC), for each record matching the condition, in every company.</summary>
    Schedule,

    /// <summary>
    /// Something the module or plugin tells of a row of its entity, named <c>Event</c> (an order <c>confirmed</c>, a
    /// product's <c>stock_below_reorder_level</c>): automations of modules' and plugins' entities only, whose extension lists
    /// the events it has (<see cref="EntityExtensionDto.Events"/>). Templates read the event's properties as <c>{{ event.&lt;property&gt; }}</c>.
    /// </summary>
    Event,
}

/// <param name="Field">The field whose change triggers it (<see cref="AutomationTriggerKind.FieldChanged"/>).</param>
/// <param name="State">The state whose entry triggers it (<see cref="AutomationTriggerKind.StateEntered"/>).</param>
/// <param name="Cron">Five fields, UTC (<c>0 7 * * 1-5</c>: weekdays at seven) for <see cref="AutomationTriggerKind.Schedule"/>.</param>
/// <param name="Event">The event of a module's or plugin's entity that triggers it (<see cref="AutomationTriggerKind.Event"/>).</param>
public sealed record AutomationTriggerDto(
    AutomationTriggerKind Kind,
    [property: StringLength(63)] string? Field = null,
    [property: StringLength(100)] string? State = null,
    [property: StringLength(100)] string? Cron = null,
    [property: StringLength(63)] string? Event = null);

public enum AutomationActionKind
{
    /// <summary>A mail to <c>To</c> with <c>Subject</c> and <c>Body</c>, sent through the emailing module in the installation's layout.</summary>
    SendEmail,

    /// <summary>
    /// The record, posted to the company's webhook subscriptions of the entity that want <see cref="RecordEvent.Automation"/>:
    /// signed, retried and logged as every delivery is. Where it goes is each company's to say, so a definition moves
    /// from staging to production without carrying addresses or secrets.
    /// </summary>
    CallWebhooks,

    /// <summary>Gives the record's <c>Field</c> the value <c>Value</c>.</summary>
    SetField,

    /// <summary>Creates a record of <c>Entity</c> with <c>Values</c>, in the record's company.</summary>
    CreateRecord,
}

/// <summary>
/// One step of an automation. Texts (<c>To</c>, <c>Subject</c>, <c>Body</c>, and string values) are Liquid templates over
/// the record: <c>{{ name }}</c> is its <c>name</c> field, <c>{{ id }}</c> its id.
/// </summary>
public sealed record AutomationActionDto(
    AutomationActionKind Kind,
    [property: StringLength(500)] string? To = null,
    [property: StringLength(500)] string? Subject = null,
    [property: StringLength(20_000)] string? Body = null,
    [property: StringLength(63)] string? Field = null,
    JsonElement? Value = null,
    [property: StringLength(63)] string? Entity = null,
    IReadOnlyDictionary<string, JsonElement>? Values = null);

/// <summary>
/// A rule that acts on records: when <paramref name="Trigger"/> happens to a record matching <paramref name="Condition"/>
/// (a filter on the entity's own fields; every record when null), its <paramref name="Actions"/> run, in order, as one job
/// enqueued in the transaction of the change (or of the schedule's run): all of them commit together or are retried
/// together. Changes an automation makes trigger automations in turn, at most <c>3</c> deep.
/// </summary>
/// <param name="Name">Lower-case letters, digits and underscores, starting with a letter.</param>
public sealed record AutomationDto(
    [property: Required, StringLength(50)] string Name,
    [property: Required, StringLength(200)] string Label,
    [property: Required] AutomationTriggerDto Trigger,
    [property: Required, MinLength(1), MaxLength(10)] IReadOnlyList<AutomationActionDto> Actions,
    RecordFilter? Condition = null,
    bool Active = true);

/// <summary>
/// An automation is due for a record: enqueued in the transaction of the change that triggered it, run by the engine.
/// <paramref name="Depth"/> counts the automations that led to it (0 for a person's change).
/// </summary>
public sealed record AutomationTriggeredIntegrationEvent(string Entity, string Automation, Guid RecordId, Guid CompanyId, int Depth)
    : Erp.Kernel.IIntegrationEvent;

/// <summary>One run of an automation for a record: done, or refused with its problems (nothing of it was kept then).</summary>
public sealed record AutomationRunDto(Guid Id, string Automation, Guid RecordId, bool Succeeded, IReadOnlyDictionary<string, string[]>? Problems, DateTimeOffset At);
