using System.Collections.Frozen;
using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Erp.Kernel.Security;
using Erp.Permissions.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Permissions.Application;

/// <summary>
/// A caller's granted set is loaded in one query (direct grants plus their roles' grants) and cached as one
/// entry per user or client, never one entry per permission. Role grant changes drop every entry (rare);
/// user and client changes drop their own. Changes to subjects arrive as this module's own integration events, which
/// the module owning the subjects publishes (SubjectEventHandlers.cs); the cache carries each drop to every instance.
/// A request reads its caller's set once: authorization, the company filter and the endpoint each ask for it.
/// </summary>
internal sealed class PermissionChecker(HybridCache cache, PermissionCatalog catalog, IServiceScopeFactory scopes, IHttpContextAccessor http)
    : IPermissionChecker
{
    private const string AllEntries = PermissionCatalog.Tag;
    private static readonly string[] Tags = [AllEntries];

    public async ValueTask<IReadOnlySet<string>> GetGrantedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var request = http.HttpContext;
        if (request?.Features.Get<GrantedInRequest>() is { } read && ReferenceEquals(read.Principal, principal)) return read.Set;
        var set = await ReadAsync(principal, cancellationToken);
        if (request is not null && ReferenceEquals(request.User, principal)) request.Features.Set(new GrantedInRequest(principal, set));
        return set;
    }

    /// <summary>A role's members are not known here, so a role change drops every entry.</summary>
    internal Task InvalidateAsync(PermissionSubject subject, CancellationToken cancellationToken)
    {
        GrantedInRequest.Forget(http);
        return subject.Kind == PermissionSubjectKind.Role
            ? cache.RemoveByTagAsync(AllEntries, cancellationToken).AsTask()
            : cache.RemoveAsync(CacheKey(subject), cancellationToken).AsTask();
    }

    private async ValueTask<IReadOnlySet<string>> ReadAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (Caller(principal) is not { } subject) return FrozenSet<string>.Empty;
        var granted = await cache.GetOrCreateAsync(CacheKey(subject), (this, subject),
            static (state, ct) => state.Item1.LoadAsync(state.subject, ct), tags: Tags, cancellationToken: cancellationToken);
        return granted.IsAdministrator ? (await catalog.GetAsync(cancellationToken)).Set : granted.Set;
    }

    /// <summary>
    /// A token issued to an integration client through client credentials names the client as its subject
    /// (RFC 9068); any other token's subject is a user id.
    /// </summary>
    internal static PermissionSubject? Caller(ClaimsPrincipal principal)
    {
        var claims = CallerClaims.Of(principal);
        if (string.IsNullOrEmpty(claims.Subject)) return null;
        if (claims.ClientId is { } client) return new PermissionSubject(PermissionSubjectKind.Client, client);
        return Guid.TryParse(claims.Subject, out _) ? new PermissionSubject(PermissionSubjectKind.User, claims.Subject) : null;
    }

    private static string CacheKey(PermissionSubject subject) => $"permissions:{subject.Kind}:{subject.Key}";

    private async ValueTask<GrantedPermissions> LoadAsync(PermissionSubject subject, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roleKeys = new List<string>();
        if (subject.Kind == PermissionSubjectKind.User)
        {
            var roles = await scope.ServiceProvider.GetRequiredService<IPermissionSubjects>().GetRolesAsync(Guid.Parse(subject.Key), cancellationToken);
            if (roles.Any(r => r.Name == PermissionRoles.Administrator)) return new GrantedPermissions { IsAdministrator = true };
            roleKeys.AddRange(roles.Select(r => r.Id.ToString()));
        }

        var db = scope.ServiceProvider.GetRequiredService<PermissionsDbContext>();
        var names = await db.Grants.AsNoTracking()
            .Where(g => (g.SubjectKind == subject.Kind && g.SubjectKey == subject.Key)
                || (g.SubjectKind == PermissionSubjectKind.Role && roleKeys.Contains(g.SubjectKey)))
            .Select(g => g.Name)
            .Distinct()
            .ToArrayAsync(cancellationToken);
        // Grants of permissions that no longer exist (an uninstalled plugin, a removed entity) are kept but not held.
        var exists = (await catalog.GetAsync(cancellationToken)).Set;
        return new GrantedPermissions { Names = [.. names.Where(exists.Contains)] };
    }
}

/// <summary>The set a request's caller holds, kept with the request once read.</summary>
internal sealed record GrantedInRequest(ClaimsPrincipal Principal, IReadOnlySet<string> Set)
{
    /// <summary>A request that changed grants or the permissions that exist reads its caller's set again.</summary>
    public static void Forget(IHttpContextAccessor http) => http.HttpContext?.Features.Set<GrantedInRequest>(null);
}

/// <summary>The cached value. Immutable, so the in-process cache hands out the same instance and its set.</summary>
[ImmutableObject(true)]
internal sealed class GrantedPermissions
{
    private FrozenSet<string>? _set;

    public bool IsAdministrator { get; init; }
    public string[] Names { get; init; } = [];

    [JsonIgnore]
    public FrozenSet<string> Set => _set ??= Names.ToFrozenSet(StringComparer.Ordinal);
}
