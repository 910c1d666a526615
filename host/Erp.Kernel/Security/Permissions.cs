using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Erp.Kernel.Http;

namespace Erp.Kernel.Security;

/// <summary>
/// Answers which permissions a principal holds. The permissions module implements it: one cached set per
/// user (or integration client), so a check is a set lookup.
/// </summary>
public interface IPermissionChecker
{
    ValueTask<IReadOnlySet<string>> GetGrantedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);
}

/// <summary>The permission an endpoint requires, as metadata: the authorization handler and the OpenAPI document read it.</summary>
public sealed record RequiredPermissionMetadata(string Permission);

/// <summary>The requirement behind <see cref="PermissionEndpointConventions.RequirePermission{TBuilder}"/>.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

public static class PermissionEndpointConventions
{
    /// <summary>
    /// The one way an endpoint declares what it needs: a signed-in caller holding <paramref name="permission"/>.
    /// Anonymous callers get 401, callers without the permission 403, both as problem details.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        builder.WithMetadata(new RequiredPermissionMetadata(permission));
        return builder.WithProblemResponses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
    }

    /// <summary>A signed-in caller, whatever their permissions (their own profile, the application configuration).</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization().WithProblemResponses(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
}

/// <summary>Grants a <see cref="PermissionRequirement"/> when the caller's granted set holds it.</summary>
internal sealed class PermissionAuthorizationHandler(IPermissionChecker checker) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        var cancellationToken = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        var granted = await checker.GetGrantedAsync(context.User, cancellationToken);
        if (granted.Contains(requirement.Permission)) context.Succeed(requirement);
    }
}

/// <summary>
/// Permissions a module makes at run time rather than in code: one set per low-code entity. The permissions module reads
/// every source with the permissions modules define, and caches the result until a source says it changed
/// (<see cref="IPermissionCatalog.ChangedAsync"/>).
/// </summary>
public interface IRuntimePermissionSource
{
    Task<IReadOnlyList<RuntimePermissionGroup>> GetAsync(CancellationToken cancellationToken);
}

/// <summary>A group of run-time permissions as the admin tree shows it, under the module that made them.</summary>
public sealed record RuntimePermissionGroup(string Module, string DisplayName, IReadOnlyList<PermissionDefinition> Permissions);

/// <summary>Every permission that exists now: those modules define and those made at run time.</summary>
public interface IPermissionCatalog
{
    /// <summary>Drops the cached catalog, and every cached granted set, on every instance: a source's permissions changed.</summary>
    Task ChangedAsync(CancellationToken cancellationToken);
}
