using Erp.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Erp.Identity.Data;

/// <summary>
/// ASP.NET Core Identity's user store over <see cref="User"/>, which has no public setters: the credentials Identity
/// manages are written through EF Core's change tracker, so only Identity's managers (through this store) change them.
/// Each change is saved by <see cref="UpdateAsync"/>, inside the use case's transaction when there is one.
/// Two-factor recovery codes are kept as password hashes, never in plain text: a copy of the database hands out no
/// second factors. Tables and columns are ASP.NET Core Identity's usual ones (see Configurations/UserConfiguration).
/// </summary>
internal sealed class UserStore(IdentityDbContext db, IPasswordHasher<User> hasher, IdentityErrorDescriber describer) : AggregateStore<User>(db, describer),
    IQueryableUserStore<User>, IUserPasswordStore<User>, IUserEmailStore<User>, IUserSecurityStampStore<User>, IUserLockoutStore<User>,
    IUserTwoFactorStore<User>, IUserAuthenticatorKeyStore<User>, IUserTwoFactorRecoveryCodeStore<User>, IUserRoleStore<User>
{
    // Where Identity's own store keeps these (its UserStoreBase constants), so existing rows keep working.
    private const string TokenProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";

    public IQueryable<User> Users => Db.Users;

    public async Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? await Db.Users.FindAsync([id], cancellationToken) : null;

    public Task<User?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<string> GetUserIdAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(User user, string? userName, CancellationToken cancellationToken) => Set(user, nameof(User.UserName), userName);
    public Task<string?> GetNormalizedUserNameAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(User user, string? normalizedName, CancellationToken cancellationToken) => Set(user, nameof(User.NormalizedUserName), normalizedName);

    public Task<string?> GetPasswordHashAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);
    public Task SetPasswordHashAsync(User user, string? passwordHash, CancellationToken cancellationToken) => Set(user, nameof(User.PasswordHash), passwordHash);

    public Task<string?> GetEmailAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);
    public Task SetEmailAsync(User user, string? email, CancellationToken cancellationToken) => Set(user, nameof(User.Email), email);
    public Task<bool> GetEmailConfirmedAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);
    public Task SetEmailConfirmedAsync(User user, bool confirmed, CancellationToken cancellationToken) => Set(user, nameof(User.EmailConfirmed), confirmed);
    public Task<string?> GetNormalizedEmailAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(User user, string? normalizedEmail, CancellationToken cancellationToken) => Set(user, nameof(User.NormalizedEmail), normalizedEmail);

    public Task<string?> GetSecurityStampAsync(User user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);
    public Task SetSecurityStampAsync(User user, string stamp, CancellationToken cancellationToken) => Set(user, nameof(User.SecurityStamp), stamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(User user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) => Set(user, nameof(User.LockoutEnd), lockoutEnd);
    public Task<int> GetAccessFailedCountAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(User user, CancellationToken cancellationToken) => Set(user, nameof(User.AccessFailedCount), 0);
    public Task<bool> GetLockoutEnabledAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(User user, bool enabled, CancellationToken cancellationToken) => Set(user, nameof(User.LockoutEnabled), enabled);

    public async Task<int> IncrementAccessFailedCountAsync(User user, CancellationToken cancellationToken)
    {
        await Set(user, nameof(User.AccessFailedCount), user.AccessFailedCount + 1);
        return user.AccessFailedCount;
    }

    public Task<bool> GetTwoFactorEnabledAsync(User user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);
    public Task SetTwoFactorEnabledAsync(User user, bool enabled, CancellationToken cancellationToken) => Set(user, nameof(User.TwoFactorEnabled), enabled);

    public Task<string?> GetAuthenticatorKeyAsync(User user, CancellationToken cancellationToken) => GetTokenAsync(user, AuthenticatorKeyName, cancellationToken);
    public Task SetAuthenticatorKeyAsync(User user, string key, CancellationToken cancellationToken) => SetTokenAsync(user, AuthenticatorKeyName, key, cancellationToken);

    public Task ReplaceCodesAsync(User user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, RecoveryCodesName, string.Join(";", recoveryCodes.Select(code => hasher.HashPassword(user, code))), cancellationToken);

    /// <summary>Checks the code against each remaining hash (ten at most) and drops the one it matches.</summary>
    public async Task<bool> RedeemCodeAsync(User user, string code, CancellationToken cancellationToken)
    {
        var hashes = await RecoveryCodeHashesAsync(user, cancellationToken);
        var match = hashes.FindIndex(hash => hasher.VerifyHashedPassword(user, hash, code) != PasswordVerificationResult.Failed);
        if (match < 0) return false;
        hashes.RemoveAt(match);
        await SetTokenAsync(user, RecoveryCodesName, string.Join(";", hashes), cancellationToken);
        return true;
    }

    public async Task<int> CountCodesAsync(User user, CancellationToken cancellationToken) => (await RecoveryCodeHashesAsync(user, cancellationToken)).Count;

    public async Task AddToRoleAsync(User user, string normalizedRoleName, CancellationToken cancellationToken)
    {
        var role = await Db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalizedRoleName, cancellationToken)
            ?? throw new InvalidOperationException($"There is no role '{normalizedRoleName}'.");
        Db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
    }

    public async Task RemoveFromRoleAsync(User user, string normalizedRoleName, CancellationToken cancellationToken)
    {
        var membership = await (from userRole in Db.UserRoles
                                join role in Db.Roles on userRole.RoleId equals role.Id
                                where userRole.UserId == user.Id && role.NormalizedName == normalizedRoleName
                                select userRole).SingleOrDefaultAsync(cancellationToken);
        if (membership is not null) Db.UserRoles.Remove(membership);
    }

    public async Task<IList<string>> GetRolesAsync(User user, CancellationToken cancellationToken) =>
        await Db.RolesOf(user.Id).Select(role => role.Name).ToListAsync(cancellationToken);

    public Task<bool> IsInRoleAsync(User user, string normalizedRoleName, CancellationToken cancellationToken) =>
        Db.RolesOf(user.Id).AnyAsync(role => role.NormalizedName == normalizedRoleName, cancellationToken);

    public async Task<IList<User>> GetUsersInRoleAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        await (from userRole in Db.UserRoles
               join role in Db.Roles on userRole.RoleId equals role.Id
               join user in Db.Users on userRole.UserId equals user.Id
               where role.NormalizedName == normalizedRoleName
               select user).ToListAsync(cancellationToken);

    private async Task<List<string>> RecoveryCodeHashesAsync(User user, CancellationToken cancellationToken) =>
        ((await GetTokenAsync(user, RecoveryCodesName, cancellationToken)) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();

    private async Task<string?> GetTokenAsync(User user, string name, CancellationToken cancellationToken) =>
        (await Db.UserTokens.FindAsync([user.Id, TokenProvider, name], cancellationToken))?.Value;

    private async Task SetTokenAsync(User user, string name, string value, CancellationToken cancellationToken)
    {
        if (await Db.UserTokens.FindAsync([user.Id, TokenProvider, name], cancellationToken) is { } token) token.Value = value;
        else Db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = user.Id, LoginProvider = TokenProvider, Name = name, Value = value });
    }
}

/// <summary>ASP.NET Core Identity's role store over <see cref="Role"/>, which has no public setters (see <see cref="UserStore"/>).</summary>
internal sealed class RoleStore(IdentityDbContext db, IdentityErrorDescriber describer) : AggregateStore<Role>(db, describer), IQueryableRoleStore<Role>
{
    public IQueryable<Role> Roles => Db.Roles;

    public Task<string> GetRoleIdAsync(Role role, CancellationToken cancellationToken) => Task.FromResult(role.Id.ToString());
    public Task<string?> GetRoleNameAsync(Role role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.Name);
    public Task SetRoleNameAsync(Role role, string? roleName, CancellationToken cancellationToken) => Set(role, nameof(Role.Name), roleName);
    public Task<string?> GetNormalizedRoleNameAsync(Role role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.NormalizedName);
    public Task SetNormalizedRoleNameAsync(Role role, string? normalizedName, CancellationToken cancellationToken) => Set(role, nameof(Role.NormalizedName), normalizedName);

    public async Task<Role?> FindByIdAsync(string roleId, CancellationToken cancellationToken) =>
        Guid.TryParse(roleId, out var id) ? await Db.Roles.FindAsync([id], cancellationToken) : null;

    public Task<Role?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        Db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalizedRoleName, cancellationToken);

}

/// <summary>What both stores do alike: save through the scope's context, and write what Identity's managers change.</summary>
internal abstract class AggregateStore<TAggregate>(IdentityDbContext db, IdentityErrorDescriber describer) : IDisposable
    where TAggregate : class
{
    protected IdentityDbContext Db { get; } = db;

    public async Task<IdentityResult> CreateAsync(TAggregate aggregate, CancellationToken cancellationToken)
    {
        Db.Add(aggregate);
        return await UpdateAsync(aggregate, cancellationToken);
    }

    /// <summary>Saves what the managers changed (inside the use case's transaction when there is one); a stale row version is Identity's concurrency failure.</summary>
    public async Task<IdentityResult> UpdateAsync(TAggregate aggregate, CancellationToken cancellationToken)
    {
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(describer.ConcurrencyFailure());
        }
    }

    public async Task<IdentityResult> DeleteAsync(TAggregate aggregate, CancellationToken cancellationToken)
    {
        Db.Remove(aggregate);
        return await UpdateAsync(aggregate, cancellationToken);
    }

    public void Dispose() { } // the context belongs to the scope

    // Identity's managers change state in memory and then call UpdateAsync; the aggregates have no setters for them,
    // so the value goes through EF Core's tracker, as the kernel writes audit stamps.
    protected Task Set<T>(TAggregate aggregate, string property, T value)
    {
        Db.Entry(aggregate).Property(property).CurrentValue = value;
        return Task.CompletedTask;
    }
}
