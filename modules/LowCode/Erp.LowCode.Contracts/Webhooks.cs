using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Erp.Kernel;

namespace Erp.LowCode;

/// <summary>What happened to a record, for webhooks (and the automations that react to records).</summary>
public enum RecordEvent
{
    Created,
    Updated,
    Deleted,

    /// <summary>A workflow transition moved it.</summary>
    Transitioned,

    /// <summary>An automation's "call webhooks" action sent it (the automation's name is in the body).</summary>
    Automation,
}

/// <summary>
/// A subscription of an outside system to an entity's records: each event posts the record to <paramref name="Url"/>,
/// signed with the subscription's secret.
/// </summary>
public sealed record SaveWebhookRequest(
    [property: Required, StringLength(63)] string Entity,
    [property: Required, MinLength(1), MaxLength(5)] IReadOnlyList<RecordEvent> Events,
    [property: Required, StringLength(2000)] string Url,
    [property: StringLength(200)] string? Description = null,
    bool Active = true);

public sealed record WebhookDto(Guid Id, string Entity, IReadOnlyList<RecordEvent> Events, string Url, string? Description, bool Active, DateTimeOffset CreatedAt);

/// <summary>A new subscription and its signing secret, shown this once.</summary>
public sealed record CreatedWebhookDto(WebhookDto Webhook, string Secret);

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>One event posted (or being posted) to one subscription: its attempts and the last answer.</summary>
public sealed record WebhookDeliveryDto(
    Guid Id, Guid WebhookId, RecordEvent Event, string Entity, Guid RecordId, DateTimeOffset CreatedAt, WebhookDeliveryStatus Status, int Attempts,
    int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt);

/// <summary>
/// A record of a low-code entity changed; published in the change's transaction. <paramref name="Record"/> is the record
/// as it is after the change (before it, for a delete), of <paramref name="CompanyId"/>.
/// </summary>
/// <param name="Automation">The automation that sent it, for <see cref="RecordEvent.Automation"/>.</param>
public sealed record RecordChangedIntegrationEvent(
    string Entity, Guid RecordId, Guid CompanyId, RecordEvent Event, JsonElement Record, DateTimeOffset At, string? Automation = null)
    : IIntegrationEvent;

/// <summary>A webhook delivery is due (new, or asked to be delivered again).</summary>
public sealed record WebhookDeliveryRequestedIntegrationEvent(Guid DeliveryId) : IIntegrationEvent;
