using Erp.Identity.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.Identity.Application;

/// <summary>
/// Password reset links: ASP.NET Core Identity's data-protection tokens, with their own lifetime
/// (<see cref="LinkSettings.PasswordResetLifetime"/>), shorter than an address confirmation's.
/// </summary>
internal sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtectionProvider, IOptions<PasswordResetTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<User>> logger)
    : DataProtectorTokenProvider<User>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "PasswordReset";
}

internal sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Links setting the first password of an account without one (<see cref="LinkSettings.NewAccountLifetime"/>). Its tokens
/// are protected under their own name, so a reset link cannot be passed off as one of these to live longer.
/// </summary>
internal sealed class NewAccountTokenProvider(
    IDataProtectionProvider dataProtectionProvider, IOptions<NewAccountTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<User>> logger)
    : DataProtectorTokenProvider<User>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "NewAccount";
}

internal sealed class NewAccountTokenProviderOptions : DataProtectionTokenProviderOptions;

/// <summary>
/// Which provider a mailed password link uses: an account without a password gets a new-account token, any other a reset
/// token. Making and redeeming a link decide the same way, so each token is checked by the provider that made it.
/// </summary>
internal static class PasswordLinks
{
    public static async Task<string> MakeTokenAsync(UserManager<User> users, User user) =>
        await users.HasPasswordAsync(user)
            ? await users.GeneratePasswordResetTokenAsync(user)
            : await users.GenerateUserTokenAsync(user, NewAccountTokenProvider.ProviderName, UserManager<User>.ResetPasswordTokenPurpose);

    /// <summary>Sets the password if the token is valid; the new security stamp makes the link unusable again.</summary>
    public static async Task<IdentityResult> RedeemAsync(UserManager<User> users, User user, string token, string password)
    {
        if (await users.HasPasswordAsync(user)) return await users.ResetPasswordAsync(user, token, password);
        return await users.VerifyUserTokenAsync(user, NewAccountTokenProvider.ProviderName, UserManager<User>.ResetPasswordTokenPurpose, token)
            ? await users.AddPasswordAsync(user, password)
            : IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
    }
}
