using Erp.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Erp.Identity.Data;

/// <summary>
/// ASP.NET Core Identity's user store, keeping two-factor recovery codes as password hashes instead of the plain
/// text it stores: a copy of the database does not hand out second factors. Redeeming checks the code against each
/// remaining hash (ten at most) and drops the one it matches.
/// </summary>
internal sealed class UserStoreWithHashedRecoveryCodes(IdentityDbContext context, IPasswordHasher<User> hasher, IdentityErrorDescriber? describer = null)
    : UserStore<User, Role, IdentityDbContext, Guid>(context, describer)
{
    // Where Identity's base store keeps them (UserStoreBase's private constants), so counting works unchanged.
    private const string Provider = "[AspNetUserStore]";
    private const string Name = "RecoveryCodes";

    public override Task ReplaceCodesAsync(User user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, Name, string.Join(";", recoveryCodes.Select(code => hasher.HashPassword(user, code))), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(User user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var hashes = ((await GetTokenAsync(user, Provider, Name, cancellationToken)) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var match = hashes.FindIndex(hash => hasher.VerifyHashedPassword(user, hash, code) != PasswordVerificationResult.Failed);
        if (match < 0) return false;
        hashes.RemoveAt(match);
        await SetTokenAsync(user, Provider, Name, string.Join(";", hashes), cancellationToken);
        return true;
    }
}
