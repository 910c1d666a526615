using System.Net;

namespace Erp.AuditLogging.Domain;

/// <summary>One HTTP request as the audit log keeps it. Written once, in batches; never changed.</summary>
public sealed class RequestRecord
{
    private RequestRecord() { } // for EF Core

    public RequestRecord(DateTimeOffset occurredAt, Guid? userId, string? actorName, string? clientId, Guid? companyId, IPAddress? ip, string method,
        string? route, string path, int status, double durationMs, string? exception, string? traceId)
    {
        CompanyId = companyId;
        Id = Guid.CreateVersion7(occurredAt);
        OccurredAt = occurredAt;
        UserId = userId;
        ActorName = actorName;
        ClientId = clientId;
        Ip = ip;
        Method = method;
        Route = route;
        Path = path;
        Status = status;
        DurationMs = durationMs;
        Exception = exception;
        TraceId = traceId;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? UserId { get; private set; }
    public string? ActorName { get; private set; }
    public string? ClientId { get; private set; }

    /// <summary>The company the request worked in (none for anonymous callers): shown only to those who work there.</summary>
    public Guid? CompanyId { get; private set; }
    public IPAddress? Ip { get; private set; }
    public string Method { get; private set; } = "";
    public string? Route { get; private set; }
    public string Path { get; private set; } = "";
    public int Status { get; private set; }
    public double DurationMs { get; private set; }
    public string? Exception { get; private set; }
    public string? TraceId { get; private set; }
}
