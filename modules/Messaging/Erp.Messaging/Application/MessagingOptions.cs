namespace Erp.Messaging.Application;

/// <summary><c>Messaging:*</c>: how deliveries are retried and how often the dispatcher looks without being woken; how long idempotency keys live.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Attempts before a delivery is dead.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait before the first retry; it doubles each time, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest sleep without a notification: catches up on anything a lost notification left behind.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 50;

    /// <summary>How long events every handler received are kept (for inspection) before the nightly purge removes them.</summary>
    public TimeSpan RetainDelivered { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Deliveries an instance runs at once (each in its own transaction and connection). 0: it delivers none (no
    /// dispatcher, no listening connection) but publishes as every instance does, for request-serving instances beside
    /// instances that do the background work (<c>BackgroundJobs:WorkerCount</c> 0 is the same for jobs).
    /// </summary>
    public int Concurrency { get; set; } = 4;

    public bool Delivers => Concurrency > 0;

    /// <summary>How long a write's <c>Idempotency-Key</c> and its response are kept: a repeat within it is answered from them.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a repeat waits for the first request with its key to end before it is answered 409.</summary>
    public TimeSpan IdempotencyWait { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
}
