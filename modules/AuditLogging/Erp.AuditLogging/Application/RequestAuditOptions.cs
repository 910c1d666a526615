namespace Erp.AuditLogging.Application;

/// <summary><c>AuditLogging:Requests</c>: request records, between the request and the database.</summary>
public sealed class RequestAuditOptions
{
    public const string Section = "AuditLogging:Requests";

    /// <summary>Off only to measure what recording costs (the load benchmark's baseline); entity changes are recorded regardless.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Records waiting to be written; beyond it, records are dropped and counted (<c>erp.audit.requests.dropped</c>).</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Records per COPY.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>How long a record waits for others to share its COPY: the delay before a request shows in the audit log.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
