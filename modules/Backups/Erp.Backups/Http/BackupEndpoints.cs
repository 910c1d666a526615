using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Backups.Http;

internal static class BackupEndpoints
{
    public static void MapBackupEndpoints(this IEndpointRouteBuilder api)
    {
        var backups = api.MapGroup("/api/backups").WithTags("Backups").WithStandardProblems();
        backups.MapGet("", ListAsync).WithName("ListBackups").RequirePermission(BackupsPermissions.Backups)
            .WithSummary("The complete backups, newest first, with their figures and how their last restore check went.");
    }

    private static async Task<Ok<BackupsDto>> ListAsync(IBackups backups, CancellationToken ct) => TypedResults.Ok(await backups.ListAsync(ct));
}
