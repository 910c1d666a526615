using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Events;
using Erp.Identity.Users;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Permissions;
using Erp.Permissions.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Erp.Identity.Application;

/// <summary>
/// The user administration use cases. Every change is written to the user's security log in the change's own
/// transaction (<see cref="Kernel.Data.ModuleDbContext{TSelf}.InTransactionAsync{T}"/>): a use case commits once, or
/// not at all. What the caller may give and whom they may act on is <see cref="CallerAuthority"/>'s to say, before
/// anything is written.
/// </summary>
internal sealed class UserService(
    IdentityDbContext db,
    UserManager<User> users,
    AccountEmails emails,
    SecurityLog log,
    IOpenIddictTokenManager tokens,
    ICurrentUser currentUser,
    CallerAuthority authority,
    TimeProvider clock)
{
    public async Task<Page<UserDto>> ListAsync(string? search, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search);
            query = query.Where(u => EF.Functions.ILike(u.UserName!, pattern) || EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName!, pattern));
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(u => u.NormalizedUserName).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var roles = await RoleNamesAsync(page.Select(u => u.Id).ToArray(), cancellationToken);
        return new Page<UserDto>([.. page.Select(u => ToDto(u, roles[u.Id]))], total, skip, take);
    }

    public async Task<UserDto> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        return ToDto(user, (await RoleNamesAsync([id], cancellationToken))[id]);
    }

    /// <summary>Creates the user without a password; once committed, a mail brings a link to choose one (which also confirms the address).</summary>
    public async Task<UserDto> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var roles = await ResolveRolesAsync(request.Roles ?? [], cancellationToken);
        await authority.EnsureMayAssignAsync(roles, [], cancellationToken);
        var user = User.Invite(request.UserName, request.Email, request.DisplayName, clock.GetUtcNow());
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await users.CreateAsync(user));
            foreach (var role in roles) db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
            await db.SaveChangesAsync(cancellationToken);
            await log.WriteAsync(SecurityActions.UserCreated, user, cancellationToken: cancellationToken);
        }, cancellationToken);
        return await GetAsync(user.Id, cancellationToken);
    }

    /// <summary>
    /// Saves the display name. A new sign-in address does not take effect here: a link goes to it, and the address
    /// changes only when that link is followed (the current address is told), so nobody can move an account to a
    /// mailbox they read by typing it in.
    /// </summary>
    public async Task<UserDto> UpdateAsync(Guid id, UpdateUserRequest request, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        await authority.EnsureMayActOnAsync(id, cancellationToken);
        var newEmail = request.Email.Trim();
        var emailChanging = !string.Equals(user.Email, newEmail, StringComparison.OrdinalIgnoreCase);
        if (emailChanging)
        {
            await authority.EnsureMayChangeEmailAsync(id, cancellationToken);
            if (await users.FindByEmailAsync(newEmail) is { } holder && holder.Id != id)
                throw new BusinessRuleException(IdentityErrors.EmailTaken);
            user.RequestEmailChange(newEmail);
        }

        user.ChangeDisplayName(request.DisplayName);
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user));
            await log.WriteAsync(emailChanging ? SecurityActions.EmailChangeRequested : SecurityActions.UserUpdated, user,
                detail: emailChanging ? $"to {newEmail}" : null, cancellationToken: cancellationToken);
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Replaces the user's roles. Permissions follow within a second: the permissions module drops the user's cached set.</summary>
    public async Task<UserDto> SetRolesAsync(Guid id, IReadOnlyList<string> roleNames, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        await authority.EnsureMayChangeRolesAsync(id, cancellationToken);
        var requested = await ResolveRolesAsync(roleNames, cancellationToken);
        var current = await db.RolesOf(id).Select(role => new RoleRef(role.Id, role.Name)).ToListAsync(cancellationToken);
        var removing = current.Except(requested).ToArray();
        await authority.EnsureMayAssignAsync([.. requested.Except(current)], removing, cancellationToken);
        if (removing.Any(r => r.IsAdministrator))
            UserRules.KeepAnActiveAdministrator(await authority.IsLastActiveAdministratorAsync(id, cancellationToken)).ThrowIfBroken();

        await db.InTransactionAsync(async () =>
        {
            await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync(cancellationToken);
            foreach (var role in requested) db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = role.Id });
            db.Publish(new PermissionSubjectChangedIntegrationEvent(PermissionSubjectKind.User, id.ToString()));
            await db.SaveChangesAsync(cancellationToken);
            await log.WriteAsync(SecurityActions.RolesChanged, user, detail: string.Join(", ", requested.Select(r => r.Name)), cancellationToken: cancellationToken);
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Locks the account (until a time, or indefinitely) and ends its sessions: its tokens are revoked.</summary>
    public async Task LockAsync(Guid id, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        if (id == currentUser.UserId) throw new BusinessRuleException(IdentityErrors.CannotLockSelf);
        await authority.EnsureMayActOnAsync(id, cancellationToken);
        UserRules.KeepAnActiveAdministrator(await authority.IsLastActiveAdministratorAsync(id, cancellationToken)).ThrowIfBroken();
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await users.SetLockoutEnabledAsync(user, true));
            IdentityResults.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, until ?? DateTimeOffset.MaxValue));
            await EndSessionsAsync(user, cancellationToken);
            await log.WriteAsync(SecurityActions.Locked, user, cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    public async Task UnlockAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        await authority.EnsureMayActOnAsync(id, cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            IdentityResults.ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null));
            IdentityResults.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user));
            await log.WriteAsync(SecurityActions.Unlocked, user, cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Removes the password, ends every session and mails a reset link: the user must choose a new password to sign in.</summary>
    public async Task ForcePasswordResetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await FindAsync(id);
        await authority.EnsureMayActOnAsync(id, cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            if (await users.HasPasswordAsync(user)) IdentityResults.ThrowIfFailed(await users.RemovePasswordAsync(user));
            await EndSessionsAsync(user, cancellationToken);
            db.Publish(new PasswordResetRequestedIntegrationEvent(user.Id, emails.RequestOrigin));
            await log.WriteAsync(SecurityActions.PasswordResetForced, user, cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    public async Task<Page<SecurityLogEntryDto>> SecurityLogAsync(Guid id, int skip, int take, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken)) throw new NotFoundException(IdentityErrors.UserNotFound, id);
        return await log.ListAsync(id, skip, take, cancellationToken);
    }

    /// <summary>The whole security log, newest first: sign-ins and every administrative change, with who did it.</summary>
    public Task<Page<SecurityLogEntryDto>> SecurityLogAsync(int skip, int take, CancellationToken cancellationToken) =>
        log.ListAsync(null, skip, take, cancellationToken);

    /// <summary>Signs the user out everywhere: the server session (new security stamp) and every token issued to them.</summary>
    private async Task EndSessionsAsync(User user, CancellationToken cancellationToken)
    {
        IdentityResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await tokens.RevokeBySubjectAsync(user.Id.ToString(), cancellationToken);
    }

    private async Task<User> FindAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException(IdentityErrors.UserNotFound, id);

    private async Task<RoleRef[]> ResolveRolesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var normalized = names.Select(n => n.Trim().ToUpperInvariant()).Distinct().ToArray();
        var found = await db.Roles.Where(r => normalized.Contains(r.NormalizedName!)).Select(r => new { r.Id, r.Name, r.NormalizedName }).ToListAsync(cancellationToken);
        var missing = normalized.Except(found.Select(r => r.NormalizedName!)).ToArray();
        if (missing.Length > 0)
            throw new RequestRejectedException(IdentityErrors.UnknownRole, string.Join(", ", missing.Select(m => $"'{m.ToLowerInvariant()}'")));
        return [.. found.Select(r => new RoleRef(r.Id, r.Name!))];
    }

    private async Task<ILookup<Guid, string>> RoleNamesAsync(Guid[] userIds, CancellationToken cancellationToken) =>
        (await (from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userIds.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken))
        .OrderBy(r => r.Name, StringComparer.Ordinal)
        .ToLookup(r => r.UserId, r => r.Name!);

    private UserDto ToDto(User user, IEnumerable<string> roles) => new(
        user.Id, user.UserName!, user.Email!, user.EmailConfirmed, user.DisplayName,
        user.LockoutEnd is { } end && end > clock.GetUtcNow(), user.LockoutEnd, user.TwoFactorEnabled, [.. roles], user.CreatedAt);
}
