using Erp.Identity.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.Identity.Application;

/// <summary>
/// ASP.NET Core Identity's sign-in, told nothing until the password is right. Identity checks "locked" and "email
/// not confirmed" before the password, and skips hashing for unknown users: both tell a stranger which accounts exist.
/// Here the password is verified first (a hash of the same cost for unknown names), and a wrong one only ever fails.
/// </summary>
internal sealed class PasswordSignIn(
    UserManager<User> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<User> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<User>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<User> confirmation)
    : SignInManager<User>(users, http, claims, options, logger, schemes, confirmation)
{
    private static string? _unknownUserHash;

    /// <summary>The account named by user name or email, or null.</summary>
    public async Task<User?> FindAccountAsync(string userNameOrEmail) =>
        await UserManager.FindByNameAsync(userNameOrEmail) ?? await UserManager.FindByEmailAsync(userNameOrEmail);

    /// <summary>For a name no account has: the hashing a real password check costs, so the answer takes as long.</summary>
    public void CheckAsIfKnown(string password)
    {
        var nobody = new User("nobody", "nobody@invalid", null, DateTimeOffset.UnixEpoch);
        _unknownUserHash ??= UserManager.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(nobody, _unknownUserHash, password);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(User user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            if (lockoutOnFailure && UserManager.SupportsUserLockout && !await UserManager.IsLockedOutAsync(user)) await UserManager.AccessFailedAsync(user);
            return SignInResult.Failed;
        }

        // The password is right: now the account's state may be told.
        if (await PreSignInCheck(user) is { } refused) return refused;
        if (UserManager.SupportsUserLockout) await UserManager.ResetAccessFailedCountAsync(user);
        return SignInResult.Success;
    }
}
