using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Permissions.Application;
using Erp.Permissions.Grants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Permissions.Http;

internal static class GrantEndpoints
{
    public static void MapGrantEndpoints(this IEndpointRouteBuilder api)
    {
        var grants = api.MapGroup("/api/permissions/grants").WithTags("Permissions").WithStandardProblems();
        grants.MapGet("", GetTreeAsync).WithName("GetPermissionGrants").RequirePermission(GrantPermissions.Default)
            .WithSummary("Every defined permission, grouped by module, with what the role, user or client holds.");
        grants.MapPut("", UpdateAsync).WithName("UpdatePermissionGrants").RequirePermission(GrantPermissions.Manage)
            .WithSummary("Grants and revokes permissions for one role, user or client; takes effect at once.");
    }

    private static async Task<Ok<IReadOnlyList<PermissionGroupDto>>> GetTreeAsync(PermissionSubjectKind kind, string key, GrantService grants, CancellationToken ct) =>
        TypedResults.Ok(await grants.GetTreeAsync(new PermissionSubject(kind, key), ct));

    private static async Task<NoContent> UpdateAsync(UpdateGrantsRequest body, GrantService grants, CancellationToken ct)
    {
        await grants.UpdateAsync(body, ct);
        return TypedResults.NoContent();
    }
}
