using Erp.Identity.Account;
using Erp.Identity.Data;
using Erp.Identity.Events;
using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Erp.Identity.Application;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, through ASP.NET Core Identity's provider)
/// and single-use recovery codes (kept by Identity in the user's tokens; a used code is removed).
/// </summary>
internal sealed class TwoFactorService(UserManager<User> users, IUserStore<User> store, IdentityDbContext db, SecurityLog log)
{
    private const int RecoveryCodeCount = 10;

    public async Task<TwoFactorSetupDto> GetSetupAsync(User user)
    {
        // The key is a second factor: once it is in use, a stolen access token must not be able to read it.
        if (user.TwoFactorEnabled) return new TwoFactorSetupDto(true, null, null, null, await users.CountRecoveryCodesAsync(user));
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not UserManager.ResetAuthenticatorKeyAsync: it renews the security stamp, which would end the user's other
            // sign-ins (and the refresh of the very session reading this) only because the profile page was opened.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<User>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user));
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString("Erp")}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=Erp&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        return new TwoFactorSetupDto(user.TwoFactorEnabled, key, uri, svg, await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>Turns two-factor on once the app shows the right code, and returns fresh recovery codes (shown once).</summary>
    public async Task<RecoveryCodesDto> EnableAsync(User user, string code, CancellationToken cancellationToken)
    {
        if (!await IsCurrentCodeAsync(user, code))
            throw new RequestRejectedException(IdentityErrors.TwoFactorCodeInvalid);
        return await db.InTransactionAsync(async () =>
        {
            db.Publish(new TwoFactorChangedIntegrationEvent(user.Id, TwoFactorChanges.Enabled)); // saved with the change: the owner is told
            IdentityResults.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, true));
            await log.WriteAsync(SecurityActions.TwoFactorEnabled, user, cancellationToken: cancellationToken);
            return await NewRecoveryCodesAsync(user, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>New recovery codes replace the old ones; only the account's owner (password or current code) gets them.</summary>
    public async Task<RecoveryCodesDto> RegenerateRecoveryCodesAsync(User user, ConfirmIdentityRequest confirmation, CancellationToken cancellationToken)
    {
        await EnsureOwnerAsync(user, confirmation);
        return await db.InTransactionAsync(() =>
        {
            db.Publish(new TwoFactorChangedIntegrationEvent(user.Id, TwoFactorChanges.RecoveryCodes));
            return NewRecoveryCodesAsync(user, cancellationToken);
        }, cancellationToken);
    }

    private async Task<RecoveryCodesDto> NewRecoveryCodesAsync(User user, CancellationToken cancellationToken)
    {
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await log.WriteAsync(SecurityActions.RecoveryCodesGenerated, user, cancellationToken: cancellationToken);
        return new RecoveryCodesDto([.. codes]);
    }

    /// <summary>Turns two-factor off (owner only) and forgets the authenticator key, so enabling again starts from a new key.</summary>
    public async Task DisableAsync(User user, ConfirmIdentityRequest confirmation, CancellationToken cancellationToken)
    {
        await EnsureOwnerAsync(user, confirmation);
        await db.InTransactionAsync(async () =>
        {
            db.Publish(new TwoFactorChangedIntegrationEvent(user.Id, TwoFactorChanges.Disabled));
            IdentityResults.ThrowIfFailed(await users.SetTwoFactorEnabledAsync(user, false));
            IdentityResults.ThrowIfFailed(await users.ResetAuthenticatorKeyAsync(user));
            await log.WriteAsync(SecurityActions.TwoFactorDisabled, user, cancellationToken: cancellationToken);
        }, cancellationToken);
    }

    // A bearer token alone is not enough to weaken the account: the password, or the app's current code, is.
    private async Task EnsureOwnerAsync(User user, ConfirmIdentityRequest confirmation)
    {
        var confirmed = confirmation.Password is { Length: > 0 } password
            ? await users.CheckPasswordAsync(user, password)
            : confirmation.Code is { Length: > 0 } code
              && await IsCurrentCodeAsync(user, code);
        if (!confirmed)
            throw new RequestRejectedException(IdentityErrors.ConfirmationInvalid);
    }

    private Task<bool> IsCurrentCodeAsync(User user, string code) =>
        users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(code));

    internal static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

/// <summary>The changes <see cref="TwoFactorChangedIntegrationEvent"/> reports.</summary>
internal static class TwoFactorChanges
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string RecoveryCodes = "recovery-codes";
}
