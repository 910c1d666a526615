using System.ComponentModel.DataAnnotations;
using Erp.Identity.Application;
using Erp.Identity.Users;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Identity.Http;

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/api/identity/users").WithTags("Users").WithStandardProblems();
        users.MapGet("", ListAsync).WithName("ListUsers").RequirePermission(IdentityPermissions.Users.Default);
        users.MapGet("/{id:guid}", GetAsync).WithName("GetUser").RequirePermission(IdentityPermissions.Users.Default);
        users.MapPost("", CreateAsync).WithName("CreateUser").RequirePermission(IdentityPermissions.Users.Create)
            .WithSummary("Creates a user and mails them a link to choose a password.");
        users.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateUser").RequirePermission(IdentityPermissions.Users.Update);
        users.MapPut("/{id:guid}/roles", SetRolesAsync).WithName("SetUserRoles").RequirePermission(IdentityPermissions.Users.Update);
        users.MapPost("/{id:guid}/lock", LockAsync).WithName("LockUser").RequirePermission(IdentityPermissions.Users.Lock);
        users.MapPost("/{id:guid}/unlock", UnlockAsync).WithName("UnlockUser").RequirePermission(IdentityPermissions.Users.Lock);
        users.MapPost("/{id:guid}/force-password-reset", ForcePasswordResetAsync).WithName("ForceUserPasswordReset").RequirePermission(IdentityPermissions.Users.Lock)
            .WithSummary("Removes the password, ends the user's sessions and mails a reset link.");
        users.MapGet("/{id:guid}/security-log", SecurityLogAsync).WithName("GetUserSecurityLog").RequirePermission(IdentityPermissions.Users.SecurityLog);
        api.MapGet("/api/identity/security-log", WholeSecurityLogAsync).WithTags("Users").WithStandardProblems().WithName("GetSecurityLog")
            .RequirePermission(IdentityPermissions.Users.SecurityLog)
            .WithSummary("Every security event, newest first: sign-ins and administrative changes to users, roles, grants and clients, with who made them.");
    }

    private static async Task<Ok<Page<UserDto>>> ListAsync(UserService users, CancellationToken ct,
        [StringLength(100)] string? search = null, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 100)] int take = 20) =>
        TypedResults.Ok(await users.ListAsync(search, skip, take, ct));

    private static async Task<Ok<UserDto>> GetAsync(Guid id, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.GetAsync(id, ct));

    private static async Task<Created<UserDto>> CreateAsync(CreateUserRequest body, UserService users, CancellationToken ct)
    {
        var user = await users.CreateAsync(body, ct);
        return TypedResults.Created($"/api/identity/users/{user.Id}", user);
    }

    private static async Task<Ok<UserDto>> UpdateAsync(Guid id, UpdateUserRequest body, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.UpdateAsync(id, body, ct));

    private static async Task<Ok<UserDto>> SetRolesAsync(Guid id, SetUserRolesRequest body, UserService users, CancellationToken ct) =>
        TypedResults.Ok(await users.SetRolesAsync(id, body.Roles, ct));

    private static async Task<NoContent> LockAsync(Guid id, UserService users, CancellationToken ct, DateTimeOffset? until = null)
    {
        await users.LockAsync(id, until, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnlockAsync(Guid id, UserService users, CancellationToken ct)
    {
        await users.UnlockAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ForcePasswordResetAsync(Guid id, UserService users, CancellationToken ct)
    {
        await users.ForcePasswordResetAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<SecurityLogEntryDto>>> WholeSecurityLogAsync(UserService users, CancellationToken ct,
        [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await users.SecurityLogAsync(skip, take, ct));

    private static async Task<Ok<Page<SecurityLogEntryDto>>> SecurityLogAsync(Guid id, UserService users, CancellationToken ct,
        [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await users.SecurityLogAsync(id, skip, take, ct));
}
