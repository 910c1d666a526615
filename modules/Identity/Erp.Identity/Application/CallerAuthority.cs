using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Erp.Identity.Application;

/// <summary>A role as the administration use cases weigh it.</summary>
internal sealed record RoleRef(Guid Id, string Name)
{
    public bool IsAdministrator => Name == PermissionRoles.Administrator;
}

/// <summary>
/// What the caller may hand out, and whose account they may act on. A caller only gives what they hold: a role
/// needs every permission it carries. Only administrators give or take the administrator role, act on an
/// administrator's account, or change another user's sign-in address. Nobody changes their own roles. Each refusal
/// is a 403 problem with its code, raised before anything is written.
/// </summary>
internal sealed class CallerAuthority(ICurrentUser caller, IPermissionChecker permissions, IRolePermissions rolePermissions, IdentityDbContext db, TimeProvider clock)
{
    private bool? _callerIsAdministrator;

    public async Task EnsureMayActOnAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await IsAdministratorAsync(userId, cancellationToken) && !await CallerIsAdministratorAsync(cancellationToken))
            throw new ForbiddenException(IdentityErrors.AdministratorsOnly);
    }

    public async Task EnsureMayChangeRolesAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (userId == caller.UserId) throw new ForbiddenException(IdentityErrors.OwnRoles);
        await EnsureMayActOnAsync(userId, cancellationToken);
    }

    public async Task EnsureMayChangeEmailAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (userId != caller.UserId && !await CallerIsAdministratorAsync(cancellationToken))
            throw new ForbiddenException(IdentityErrors.AdministratorsOnly);
    }

    public async Task EnsureMayAssignAsync(IReadOnlyCollection<RoleRef> adding, IReadOnlyCollection<RoleRef> removing, CancellationToken cancellationToken)
    {
        if (adding.Concat(removing).Any(r => r.IsAdministrator) && !await CallerIsAdministratorAsync(cancellationToken))
            throw new ForbiddenException(IdentityErrors.AdministratorsOnly);
        if (adding.Count == 0) return;

        var held = await permissions.GetGrantedAsync(caller.Principal, cancellationToken);
        foreach (var role in adding)
        {
            var missing = (await rolePermissions.CarriedByAsync(role.Id, role.Name, cancellationToken)).Where(p => !held.Contains(p)).Order(StringComparer.Ordinal).ToArray();
            if (missing.Length > 0)
                throw new ForbiddenException(IdentityErrors.RoleNotHeld, role.Name, string.Join(", ", missing.Take(10).Select(p => $"'{p}'")));
        }
    }

    /// <summary>Whether no other administrator could still sign in if <paramref name="userId"/> were locked or demoted.</summary>
    public async Task<bool> IsLastActiveAdministratorAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!await IsAdministratorAsync(userId, cancellationToken)) return false;
        var now = clock.GetUtcNow();
        return !await (from userRole in db.UserRoles
                       join role in db.Roles on userRole.RoleId equals role.Id
                       join user in db.Users on userRole.UserId equals user.Id
                       where role.Name == PermissionRoles.Administrator && user.Id != userId && (user.LockoutEnd == null || user.LockoutEnd <= now)
                       select user.Id).AnyAsync(cancellationToken);
    }

    private async Task<bool> CallerIsAdministratorAsync(CancellationToken cancellationToken) =>
        _callerIsAdministrator ??= caller.UserId is { } id && await IsAdministratorAsync(id, cancellationToken);

    private Task<bool> IsAdministratorAsync(Guid userId, CancellationToken cancellationToken) =>
        db.RolesOf(userId).AnyAsync(role => role.Name == PermissionRoles.Administrator, cancellationToken);
}
