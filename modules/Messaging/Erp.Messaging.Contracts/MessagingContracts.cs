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
