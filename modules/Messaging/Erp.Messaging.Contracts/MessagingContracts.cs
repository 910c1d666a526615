using System.ComponentModel.DataAnnotations;
using Erp.Kernel;

namespace Erp.Messaging;

/// <summary>Seeing integration event deliveries (pending, delivered, dead) and retrying dead ones.</summary>
public static class MessagingPermissions
{
    public const string Deliveries = "Messaging.Deliveries";
    public const string Retry = "Messaging.Deliveries.Retry";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Deliveries, "See integration event deliveries"),
        new(Retry, "Retry dead deliveries", Deliveries),
    ];
}

/// <summary>Stable error codes of the messaging module.</summary>
public static class MessagingErrors
{
    public const string DeliveryNotFound = "messaging.delivery.not-found";
    public const string DeliveryNotDead = "messaging.delivery.not-dead";
    public const string IdempotencyKeyInvalid = "messaging.idempotency.key-invalid";
    public const string IdempotencyKeyReused = "messaging.idempotency.key-reused";
    public const string IdempotencyKeyInProgress = "messaging.idempotency.in-progress";
}

/// <summary>
/// Retry-safe writes: a signed-in caller's POST or PATCH to <c>/api</c> that carries <see cref="Header"/> runs once
/// however often it is sent (draft-ietf-httpapi-idempotency-key-header). A repeat within a day gets the first success's
/// response again, marked with <see cref="ReplayedHeader"/>; the same key with a different request is a 422.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
}

/// <summary>Where a delivery stands; <c>Dead</c> after its last failed attempt.</summary>
public enum DeliveryState
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>One integration event's delivery to one handler.</summary>
public sealed record DeliveryDto(
    Guid EventId, string EventName, string Handler, DeliveryState Status, int Attempts, DateTimeOffset PublishedAt,
    DateTimeOffset DueAt, DateTimeOffset? CompletedAt, string? LastError);

/// <summary>Which dead delivery to try again: the event's id and the handler's name.</summary>
public sealed record RetryDeliveryRequest(Guid EventId, [Required, StringLength(400)] string Handler);
