using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// An outside system's subscription to a company's records of one entity: the events it wants, where they go, and the
/// secret that signs them (kept protected: <see cref="ProtectedSecret"/>).
/// </summary>
public sealed class Webhook : AuditedAggregateRoot, ICompanyOwned
{
    private Webhook() { }

    public Guid CompanyId { get; private set; }
    public string Entity { get; private set; } = null!;
    public List<RecordEvent> Events { get; private set; } = [];
    public string Url { get; private set; } = null!;
    public string? Description { get; private set; }
    public bool Active { get; private set; }

    /// <summary>The signing secret, encrypted with the installation's data protection keys.</summary>
    public string ProtectedSecret { get; private set; } = null!;

    public static Webhook New(string entity, string protectedSecret) => new() { Entity = entity, ProtectedSecret = protectedSecret };

    public void Change(IEnumerable<RecordEvent> events, string url, string? description, bool active) =>
        (Events, Url, Description, Active) = ([.. events.Distinct()], url, description, active);

    public bool Wants(RecordEvent recordEvent) => Active && Events.Contains(recordEvent);
}

/// <summary>
/// One event for one subscription: the body it posts (made once, so every attempt sends the same), its attempts, and the
/// last answer. Attempts are recorded apart from the delivery's transaction, so a failed one is kept.
/// </summary>
public sealed class WebhookDelivery : Entity<Guid>, ICompanyOwned
{
    private WebhookDelivery() { }

    public Guid CompanyId { get; private set; }
    public Guid WebhookId { get; private set; }
    public RecordEvent Event { get; private set; }
    public string Entity { get; private set; } = null!;
    public Guid RecordId { get; private set; }
    public string Payload { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <param name="payload">The body, made from the delivery's id (which it carries, for receivers to drop a repeat).</param>
    public static WebhookDelivery For(Webhook webhook, RecordEvent recordEvent, Guid record, Func<Guid, string> payload, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(payload);
        var id = Guid.CreateVersion7();
        return new WebhookDelivery
        {
            Id = id, CompanyId = webhook.CompanyId, WebhookId = webhook.Id, Event = recordEvent, Entity = webhook.Entity, RecordId = record,
            Payload = payload(id), CreatedAt = at, Status = WebhookDeliveryStatus.Pending,
        };
    }

    public void Delivered(int statusCode, DateTimeOffset at) => (Status, Attempts, LastStatusCode, LastError, DeliveredAt) = (WebhookDeliveryStatus.Delivered, Attempts + 1, statusCode, null, at);

    /// <summary>Asked to be delivered again: pending, with a fresh set of attempts ahead.</summary>
    public void Again() => Status = WebhookDeliveryStatus.Pending;
}
