using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Events;
using Erp.Identity.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace Erp.Identity.Application;

/// <summary>
/// The sign-in pages' use cases: signing in (password, then the second factor) and out, asking for and using a password
/// reset link, confirming a new address. Each commits once, with its security log entry. The pages only show the outcome.
/// </summary>
internal sealed class AccountService(
    PasswordSignIn signIn, SignInThrottle throttle, IdentityDbContext db, AccountEmails emails, IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations, SecurityLog log)
{
    private UserManager<User> Users => signIn.UserManager;

    /// <summary>Signs in by user name or email. What a failure says never depends on whether the account exists.</summary>
    public async Task<SignInOutcome> SignInAsync(string userNameOrEmail, string password, CancellationToken cancellationToken)
    {
        var user = await signIn.FindAccountAsync(userNameOrEmail);
        if (await throttle.TryAcquireAsync(user, userNameOrEmail, cancellationToken) is { } retryAfter)
            return new SignInOutcome(SignInStatus.Throttled, retryAfter);

        if (user is null)
        {
            signIn.CheckAsIfKnown(password); // hashed outside any transaction: no connection waits on it
            await log.WriteAsync(SecurityActions.SignInFailed, null, userNameOrEmail, "unknown user", cancellationToken: cancellationToken);
            return SignInOutcome.Of(SignInStatus.Failed);
        }

        return await db.InTransactionAsync(async () =>
        {
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            var (status, action, detail) = result switch
            {
                { Succeeded: true } => (SignInStatus.SignedIn, SecurityActions.SignedIn, null),
                { RequiresTwoFactor: true } => (SignInStatus.TwoFactorRequired, SecurityActions.TwoFactorRequired, null),
                { IsLockedOut: true } => (SignInStatus.LockedOut, SecurityActions.LockedOut, null),
                { IsNotAllowed: true } => (SignInStatus.EmailNotConfirmed, SecurityActions.SignInFailed, "email not confirmed"),
                // A wrong password: the same answer whatever the account's state (PasswordSignIn); the log says what happened.
                _ => (SignInStatus.Failed, await Users.IsLockedOutAsync(user) ? SecurityActions.LockedOut : SecurityActions.SignInFailed, "wrong password"),
            };
            await log.WriteAsync(action, user, detail: detail, cancellationToken: cancellationToken);
            return SignInOutcome.Of(status);
        }, cancellationToken);
    }

    /// <summary>The second step: the authenticator app's six digits, or a recovery code as typed.</summary>
    public async Task<SignInOutcome> SignInWithSecondFactorAsync(string code, CancellationToken cancellationToken)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return SignInOutcome.Of(SignInStatus.NotStarted);

        var digits = TwoFactorService.Normalize(code);
        var usedRecoveryCode = !(digits.Length == 6 && digits.All(char.IsAsciiDigit));
        return await db.InTransactionAsync(async () =>
        {
            var result = usedRecoveryCode
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(code.Trim())
                : await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
            if (result.Succeeded)
            {
                await log.WriteAsync(usedRecoveryCode ? SecurityActions.RecoveryCodeUsed : SecurityActions.SignedIn, user, detail: "two-factor", cancellationToken: cancellationToken);
                return SignInOutcome.Of(SignInStatus.SignedIn);
            }

            await log.WriteAsync(result.IsLockedOut ? SecurityActions.LockedOut : SecurityActions.TwoFactorFailed, user, cancellationToken: cancellationToken);
            return SignInOutcome.Of(result.IsLockedOut ? SignInStatus.LockedOut : SignInStatus.Failed);
        }, cancellationToken);
    }

    /// <summary>
    /// The user whose session with the sign-in pages (the cookie) this request carries. The security stamp and the lockout
    /// are checked now, not at the cookie's interval: a session from before a password change or a lock (a stolen cookie)
    /// neither mints a code nor changes a password.
    /// </summary>
    public async Task<User?> SessionUserAsync()
    {
        var session = await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await signIn.ValidateSecurityStampAsync(session.Principal) : null;
        return user is not null && !await Users.IsLockedOutAsync(user) ? user : null;
    }

    /// <summary>
    /// The signed-in user replaces their password, proving it with the current one (a wrong one counts towards the
    /// lockout, as on the sign-in page). The security stamp changes, so every other session ends; the user's tokens are
    /// revoked; the owner is mailed a notice. This browser's session is renewed under the new stamp. Null when the
    /// password was changed, else why not.
    /// </summary>
    public async Task<PasswordChangeRefusal?> ChangePasswordAsync(User user, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var refusal = await db.InTransactionAsync(async () =>
        {
            if (!(await signIn.CheckPasswordSignInAsync(user, currentPassword, lockoutOnFailure: true)).Succeeded)
            {
                var lockedOut = await Users.IsLockedOutAsync(user);
                await log.WriteAsync(lockedOut ? SecurityActions.LockedOut : SecurityActions.PasswordChangeFailed, user, detail: "wrong current password",
                    cancellationToken: cancellationToken);
                return new PasswordChangeRefusal(lockedOut ? PasswordChangeProblem.LockedOut : PasswordChangeProblem.WrongPassword, []);
            }

            var result = await Users.ChangePasswordAsync(user, currentPassword, newPassword); // new security stamp
            if (!result.Succeeded) return new PasswordChangeRefusal(PasswordChangeProblem.Rejected, [.. result.Errors.Select(e => e.Description)]);

            await tokens.RevokeBySubjectAsync(user.Id.ToString(), cancellationToken);
            db.Publish(new PasswordChangedIntegrationEvent(user.Id)); // saved with the log entry: the owner is told
            await log.WriteAsync(SecurityActions.PasswordChanged, user, cancellationToken: cancellationToken);
            return null;
        }, cancellationToken);
        if (refusal is null) await signIn.RefreshSignInAsync(user);
        return refusal;
    }

    /// <summary>
    /// Ends the session on this server and, when the client named one of <paramref name="user"/>'s own sign-ins
    /// (<paramref name="authorizationId"/>), revokes it with every token it issued; logged in the same commit.
    /// </summary>
    public async Task SignOutAsync(User? user, string? authorizationId, CancellationToken cancellationToken)
    {
        if (user is not null)
        {
            await db.InTransactionAsync(async () =>
            {
                if (authorizationId is not null && await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
                    await authorizations.TryRevokeAsync(authorization, cancellationToken);
                await log.WriteAsync(SecurityActions.SignedOut, user, cancellationToken: cancellationToken);
            }, cancellationToken);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>
    /// The same work for a known address and an unknown one (a look-up, then a log entry and a queued request in one
    /// commit), so neither the answer nor its timing tells who has an account. The mail goes out later, to an account only.
    /// </summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        var user = await Users.FindByEmailAsync(email);
        db.Publish(new PasswordResetRequestedForAddressIntegrationEvent(email, emails.RequestOrigin)); // saved with the log entry
        await log.WriteAsync(SecurityActions.PasswordResetRequested, user, user is null ? email : null, user is null ? "unknown address" : null,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sets the new password from a mailed link. The link reached the address, so it is confirmed; every session ends
    /// and the user's tokens are revoked. Null when the password was set, else why not.
    /// </summary>
    public async Task<ResetRefusal?> ResetPasswordAsync(string userId, string token, string password, CancellationToken cancellationToken)
    {
        if (await FindAsync(userId) is not { } user) return new ResetRefusal(LinkInvalid: true, []);
        return await db.InTransactionAsync(async () =>
        {
            var result = await PasswordLinks.RedeemAsync(Users, user, token, password);
            if (!result.Succeeded)
                return new ResetRefusal(result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)), [.. result.Errors.Select(e => e.Description)]);

            if (!user.EmailConfirmed)
            {
                user.ConfirmEmail();
                IdentityResults.ThrowIfFailed(await Users.UpdateAsync(user));
            }

            IdentityResults.ThrowIfFailed(await Users.ResetAccessFailedCountAsync(user));
            await tokens.RevokeBySubjectAsync(user.Id.ToString(), cancellationToken);
            await log.WriteAsync(SecurityActions.PasswordReset, user, cancellationToken: cancellationToken);
            return null;
        }, cancellationToken);
    }

    /// <summary>Makes the address the link was mailed to the sign-in address (the token is bound to it), and ends every session.</summary>
    public async Task<bool> ConfirmEmailChangeAsync(string? userId, string? email, string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(userId) is not { } user || email is null || token is null) return false;
        return await db.InTransactionAsync(async () =>
        {
            if (!(await Users.ChangeEmailAsync(user, email, token)).Succeeded) return false;
            await tokens.RevokeBySubjectAsync(user.Id.ToString(), cancellationToken);
            await log.WriteAsync(SecurityActions.EmailChanged, user, detail: $"to {email}", cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);
    }

    // Links carry the user id as typed into a browser: anything but a GUID names nobody (and must not reach Identity's parser).
    private async Task<User?> FindAsync(string? userId) =>
        Guid.TryParse(userId, out var id) ? await Users.FindByIdAsync(id.ToString()) : null;
}

internal enum SignInStatus
{
    SignedIn,
    TwoFactorRequired,
    Throttled,
    LockedOut,
    EmailNotConfirmed,
    Failed,

    /// <summary>The second step was asked for with no first step behind it.</summary>
    NotStarted,
}

internal sealed record SignInOutcome(SignInStatus Status, TimeSpan? RetryAfter = null)
{
    public static SignInOutcome Of(SignInStatus status) => new(status);
}

internal enum PasswordChangeProblem
{
    WrongPassword,
    LockedOut,

    /// <summary>The new password breaks the policy (<see cref="PasswordChangeRefusal.PasswordProblems"/> say how).</summary>
    Rejected,
}

/// <summary>Why a password change did not happen.</summary>
internal sealed record PasswordChangeRefusal(PasswordChangeProblem Problem, IReadOnlyList<string> PasswordProblems);

/// <summary>Why a password reset did not happen: the link is spent or wrong, or the new password breaks the policy.</summary>
internal sealed record ResetRefusal(bool LinkInvalid, IReadOnlyList<string> PasswordProblems);
