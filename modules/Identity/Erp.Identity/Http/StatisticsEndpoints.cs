using System.ComponentModel.DataAnnotations;
using Erp.Identity.Application;
using Erp.Identity.Statistics;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Identity.Http;

/// <summary>Figures for the dashboard: each needs the permission that reading its underlying data needs.</summary>
internal static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder api)
    {
        var statistics = api.MapGroup("/api/identity/statistics").WithTags("Users").WithStandardProblems();
        statistics.MapGet("/users", UsersAsync).WithName("GetUserStatistics").RequirePermission(IdentityPermissions.Users.Default)
            .WithSummary("How many users there are: active, locked, invited (no password chosen yet).");
        statistics.MapGet("/sign-ins", SignInsAsync).WithName("GetSignInStatistics").RequirePermission(IdentityPermissions.Users.SecurityLog)
            .WithSummary("Successful and failed sign-ins per day (UTC) over the last days, today included.");
    }

    private static async Task<Ok<UserStatisticsDto>> UsersAsync(IdentityStatistics statistics, CancellationToken ct) =>
        TypedResults.Ok(await statistics.UsersAsync(ct));

    private static async Task<Ok<SignInStatisticsDto>> SignInsAsync(IdentityStatistics statistics, CancellationToken ct, [Range(1, 92)] int days = 14) =>
        TypedResults.Ok(await statistics.SignInsAsync(days, ct));
}
