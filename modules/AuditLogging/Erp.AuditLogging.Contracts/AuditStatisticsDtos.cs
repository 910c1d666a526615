namespace Erp.AuditLogging;

/// <summary>Audit activity per day (UTC), oldest first, one entry for every day of the range, quiet days included.</summary>
public sealed record AuditStatisticsDto(IReadOnlyList<AuditDayDto> Days);

/// <param name="Requests">Recorded requests: changes, failures and sensitive reads (every read when the setting says so).</param>
/// <param name="FailedRequests">Of those, the ones answered with a 4xx or 5xx status.</param>
/// <param name="EntityChanges">Rows created, changed or deleted.</param>
public sealed record AuditDayDto(DateOnly Day, int Requests, int FailedRequests, int EntityChanges);
