namespace Erp.Kernel.Messaging;

/// <summary>
/// An integration event as stored by the publisher's save, in the same transaction as the change it reports.
/// The messaging module owns the table (<c>messaging.outbox_messages</c>); every module context maps it, so a
/// save writes it with the rest.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { } // for EF Core

    internal OutboxMessage(Guid id, string eventName, string payload, DateTimeOffset publishedAt, Guid? companyId, string? language)
    {
        Language = language;
        Id = id;
        EventName = eventName;
        Payload = payload;
        PublishedAt = publishedAt;
        CompanyId = companyId;
    }

    public Guid Id { get; private set; }
    public string EventName { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The company the publisher worked in: its handlers run in it. Null for system work.</summary>
    public Guid? CompanyId { get; private set; }

    /// <summary>The publisher's language (<c>de-AT</c>): handlers run in it, so what they write for people reads in it. Null for system work.</summary>
    public string? Language { get; private set; }
}

/// <summary>
/// One event's delivery to one handler: the inbox row keyed by (event id, handler). Written with the event, so
/// a rolled-back publish leaves nothing to deliver; locked while delivering, so each handler gets it once across
/// instances; retried with back-off until done, or dead after the last attempt.
/// </summary>
public sealed class OutboxDelivery
{
    private OutboxDelivery() { } // for EF Core

    internal OutboxDelivery(Guid messageId, string handler, DateTimeOffset dueAt)
    {
        MessageId = messageId;
        Handler = handler;
        DueAt = dueAt;
    }

    public Guid MessageId { get; private set; }
    public string Handler { get; private set; } = "";
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>An administrator's second chance for a dead delivery: due now, with a fresh set of attempts.</summary>
    public void Revive(DateTimeOffset now)
    {
        if (Status != DeliveryStatus.Dead) throw new InvalidOperationException("Only a dead delivery can be revived.");
        Status = DeliveryStatus.Pending;
        Attempts = 0;
        DueAt = now;
    }
}

public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Every attempt failed: kept for an administrator to inspect and retry.</summary>
    Dead = 2,
}

/// <summary>Where the outbox lives: the messaging module's schema and tables.</summary>
public static class OutboxTables
{
    public const string Schema = "messaging";
    public const string Messages = "outbox_messages";
    public const string Deliveries = "outbox_deliveries";

    /// <summary>The PostgreSQL channel a committed delivery is announced on (LISTEN/NOTIFY), per database.</summary>
    public const string Channel = "erp_outbox";
}
