using Erp.Identity.Application;
using Erp.Identity.Roles;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Identity.Http;

internal static class RoleEndpoints
{
    public static void MapRoleEndpoints(this IEndpointRouteBuilder api)
    {
        var roles = api.MapGroup("/api/identity/roles").WithTags("Roles").WithStandardProblems();
        roles.MapGet("", ListAsync).WithName("ListRoles").RequirePermission(IdentityPermissions.Roles.Default);
        roles.MapGet("/{id:guid}", GetAsync).WithName("GetRole").RequirePermission(IdentityPermissions.Roles.Default);
        roles.MapPost("", CreateAsync).WithName("CreateRole").RequirePermission(IdentityPermissions.Roles.Manage);
        roles.MapPut("/{id:guid}/name", RenameAsync).WithName("RenameRole").RequirePermission(IdentityPermissions.Roles.Manage);
        roles.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteRole").RequirePermission(IdentityPermissions.Roles.Manage)
            .WithSummary("Deletes the role with its memberships and permission grants.");
    }

    private static async Task<Ok<IReadOnlyList<RoleDto>>> ListAsync(RoleService roles, CancellationToken ct) =>
        TypedResults.Ok(await roles.ListAsync(ct));

    private static async Task<Ok<RoleDto>> GetAsync(Guid id, RoleService roles, CancellationToken ct) =>
        TypedResults.Ok(await roles.GetAsync(id, ct));

    private static async Task<Created<RoleDto>> CreateAsync(CreateRoleRequest body, RoleService roles, CancellationToken ct)
    {
        var role = await roles.CreateAsync(body, ct);
        return TypedResults.Created($"/api/identity/roles/{role.Id}", role);
    }

    private static async Task<Ok<RoleDto>> RenameAsync(Guid id, RenameRoleRequest body, RoleService roles, CancellationToken ct) =>
        TypedResults.Ok(await roles.RenameAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, RoleService roles, CancellationToken ct)
    {
        await roles.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
