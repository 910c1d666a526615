using System.ComponentModel.DataAnnotations;
using Erp.AuditLogging.Application;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.AuditLogging.Http;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        // Who read the audit log is itself recorded.
        var audit = api.MapGroup("/api/audit").WithTags("Audit log").WithStandardProblems().AuditReads();
        audit.MapGet("/requests", RequestsAsync).WithName("SearchAuditRequests").RequirePermission(AuditLoggingPermissions.Default)
            .WithSummary("Recorded requests, newest first: by user, route, status, trace and time range; pass the page's next as after.");
        audit.MapGet("/requests/export", ExportRequests).WithName("ExportAuditRequests").RequirePermission(AuditLoggingPermissions.Export)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The same search as CSV, every page of it.");
        audit.MapGet("/entity-changes", EntityChangesAsync).WithName("SearchAuditEntityChanges").RequirePermission(AuditLoggingPermissions.Default)
            .WithSummary("Recorded entity changes, newest first: by user, entity type and id, trace and time range.");
        audit.MapGet("/entity-changes/export", ExportEntityChanges).WithName("ExportAuditEntityChanges").RequirePermission(AuditLoggingPermissions.Export)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The same search as CSV, every page of it; each row's properties as JSON.");
        audit.MapGet("/entities/{entityType}/{entityId}/changes", HistoryAsync).WithName("GetAuditEntityHistory").RequirePermission(AuditLoggingPermissions.Default)
            .WithSummary("The change history of one entity, newest first.");
        audit.MapGet("/statistics", StatisticsAsync).WithName("GetAuditStatistics").RequirePermission(AuditLoggingPermissions.Default)
            .WithSummary("Recorded requests (and how many failed) and entity changes per day (UTC) over the last days, today included.");
    }

    private static async Task<Ok<KeysetPage<RequestRecordDto>>> RequestsAsync([AsParameters] RequestSearch search, AuditSearch audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.RequestsAsync(search, ct));

    private static PushStreamHttpResult ExportRequests([AsParameters] RequestSearch search, AuditSearch audit, CancellationToken ct) =>
        AuditCsv.Stream(audit.AllRequests(search, ct), "audit-requests.csv");

    private static async Task<Ok<KeysetPage<EntityChangeDto>>> EntityChangesAsync([AsParameters] EntityChangeSearch search, AuditSearch audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.EntityChangesAsync(search, ct));

    private static PushStreamHttpResult ExportEntityChanges([AsParameters] EntityChangeSearch search, AuditSearch audit, CancellationToken ct) =>
        AuditCsv.Stream(AuditCsv.Flat(audit.AllEntityChanges(search, ct)), "audit-entity-changes.csv");

    private static async Task<Ok<KeysetPage<EntityChangeDto>>> HistoryAsync(string entityType, string entityId, [StringLength(100)] string? after,
        [Range(1, 500)] int? take, AuditSearch audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.EntityChangesAsync(new EntityChangeSearch { EntityType = entityType, EntityId = entityId, After = after, Take = take }, ct));

    private static async Task<Ok<AuditStatisticsDto>> StatisticsAsync(AuditStatistics statistics, CancellationToken ct, [Range(1, 92)] int days = 14) =>
        TypedResults.Ok(await statistics.PerDayAsync(days, ct));
}
