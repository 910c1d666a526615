using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Erp.Kernel.Security;
using Erp.Permissions.Data;
using Erp.Permissions.Domain;
using Erp.Permissions.Events;
using Erp.Permissions.Grants;
using Microsoft.EntityFrameworkCore;

namespace Erp.Permissions.Application;

/// <summary>The admin use cases: the permission tree as one subject holds it, and grant/revoke.</summary>
internal sealed class GrantService(
    PermissionsDbContext db, PermissionCatalog catalog, IPermissionSubjects subjects, PermissionChecker checker, ICurrentUser caller,
    CatalogStringLocalizer texts)
    : IRolePermissions
{
    public async Task<IReadOnlyList<PermissionGroupDto>> GetTreeAsync(PermissionSubject subject, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(subject, cancellationToken);
        var direct = await GrantedToAsync(subject.Kind, [subject.Key], cancellationToken);
        var throughRoles = new HashSet<string>(StringComparer.Ordinal);
        var isAdministrator = false;
        if (subject.Kind == PermissionSubjectKind.User)
        {
            var roles = await subjects.GetRolesAsync(Guid.Parse(subject.Key), cancellationToken);
            isAdministrator = roles.Any(r => r.Name == PermissionRoles.Administrator);
            throughRoles.UnionWith(await GrantedToAsync(PermissionSubjectKind.Role, [.. roles.Select(r => r.Id.ToString())], cancellationToken));
        }
        else if (subject.Kind == PermissionSubjectKind.Role)
        {
            isAdministrator = await IsAdministratorRoleAsync(subject, cancellationToken);
        }

        var definitions = await catalog.GetAsync(cancellationToken);
        return [.. definitions.Groups.Select(g => new PermissionGroupDto(g.Module, texts.Translate(DefinitionTexts.Module(g.Module), g.DisplayName), [.. g.Permissions.Select(p =>
            new PermissionNodeDto(p.Name, texts.Translate(DefinitionTexts.Permission(p.Name), p.DisplayName), p.Parent,
                Granted: direct.Contains(p.Name) || (isAdministrator && subject.Kind == PermissionSubjectKind.Role),
                GrantedThroughRoles: isAdministrator || throughRoles.Contains(p.Name)))]))];
    }

    /// <summary>
    /// Applies grants and revokes for one subject in one transaction; granting twice or revoking what is not granted
    /// is a no-op. A caller only gives what they hold, and never changes their own grants.
    /// </summary>
    public async Task UpdateAsync(UpdateGrantsRequest request, CancellationToken cancellationToken)
    {
        var subject = new PermissionSubject(request.Kind, request.Key.Trim());
        var grant = (request.Grant ?? []).ToHashSet(StringComparer.Ordinal);
        var revoke = (request.Revoke ?? []).ToHashSet(StringComparer.Ordinal);
        var exists = (await catalog.GetAsync(cancellationToken)).Set;
        var unknown = grant.Concat(revoke).Where(n => !exists.Contains(n)).ToArray();
        if (unknown.Length > 0)
            throw new RequestRejectedException(PermissionErrors.UnknownPermission, string.Join(", ", unknown.Take(10).Select(n => $"'{n}'")));
        if (IsCaller(subject)) throw new ForbiddenException(PermissionErrors.OwnGrants);
        var callerHolds = await checker.GetGrantedAsync(caller.Principal, cancellationToken);
        var notHeld = grant.Where(n => !callerHolds.Contains(n)).ToArray();
        if (notHeld.Length > 0)
            throw new ForbiddenException(PermissionErrors.NotHeld, string.Join(", ", notHeld.Take(10).Select(n => $"'{n}'")));
        await EnsureExistsAsync(subject, cancellationToken);
        if (subject.Kind == PermissionSubjectKind.Role && await IsAdministratorRoleAsync(subject, cancellationToken))
            throw new BusinessRuleException(PermissionErrors.AdministratorRole);

        var existing = await db.Grants.Where(g => g.SubjectKind == subject.Kind && g.SubjectKey == subject.Key).ToListAsync(cancellationToken);
        var revoked = existing.Where(g => revoke.Contains(g.Name) && !grant.Contains(g.Name)).ToArray();
        var held = existing.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var granted = grant.Where(n => !held.Contains(n)).Order(StringComparer.Ordinal).ToArray();
        if (granted.Length == 0 && revoked.Length == 0) return;
        db.Grants.RemoveRange(revoked);
        db.Grants.AddRange(granted.Select(n => new PermissionGrant(n, subject)));
        // For the security log, in this save: who changed what.
        db.Publish(new GrantsChangedIntegrationEvent(subject.Kind, subject.Key, granted, [.. revoked.Select(g => g.Name).Order(StringComparer.Ordinal)],
            caller.UserId, caller.ActorName()));
        await db.SaveChangesAsync(cancellationToken);
        await checker.InvalidateAsync(subject, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> CarriedByAsync(Guid roleId, string roleName, CancellationToken cancellationToken)
    {
        var exists = (await catalog.GetAsync(cancellationToken)).Set;
        return roleName == PermissionRoles.Administrator
            ? exists
            : (await GrantedToAsync(PermissionSubjectKind.Role, [roleId.ToString()], cancellationToken)).Where(exists.Contains).ToHashSet(StringComparer.Ordinal);
    }

    private bool IsCaller(PermissionSubject subject) => PermissionChecker.Caller(caller.Principal) is { } self && self.Kind == subject.Kind && subject.Kind switch
    {
        PermissionSubjectKind.User => Guid.TryParse(subject.Key, out var id) && id == Guid.Parse(self.Key),
        _ => string.Equals(subject.Key, self.Key, StringComparison.Ordinal),
    };

    private async Task<HashSet<string>> GrantedToAsync(PermissionSubjectKind kind, string[] keys, CancellationToken cancellationToken) =>
        (await db.Grants.AsNoTracking().Where(g => g.SubjectKind == kind && keys.Contains(g.SubjectKey)).Select(g => g.Name).ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    private async Task EnsureExistsAsync(PermissionSubject subject, CancellationToken cancellationToken)
    {
        if (!await subjects.ExistsAsync(subject, cancellationToken))
            throw new RequestRejectedException(PermissionErrors.UnknownSubject, subject.Key);
    }

    private async Task<bool> IsAdministratorRoleAsync(PermissionSubject role, CancellationToken cancellationToken) =>
        Guid.TryParse(role.Key, out var id) && (await subjects.GetRoleNameAsync(id, cancellationToken)) == PermissionRoles.Administrator;
}
