using System.Reflection;
using Erp.Identity.Application;
using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Events;
using Erp.Identity.Http.Pages;
using Erp.Identity.Users;
using Erp.Kernel.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;

namespace Erp.Identity.Http;

/// <summary>
/// The server's own sign-in pages: sign in, two-step verification, forgot and reset password, confirm email.
/// Server-rendered Razor components with anti-forgery; the SPA never sees a password.
/// </summary>
internal static class AccountPageEndpoints
{
    /// <summary>Every server page (these and the sign-out page) loads only its own stylesheet; nothing may frame it.</summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static readonly byte[] Stylesheet = ReadStylesheet();

    public static void MapAccountPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup("/account").AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
            {
                // Passwords and session cookies travel over HTTPS only (Development aside); behind a proxy, X-Forwarded-Proto says so.
                var http = context.HttpContext;
                if (!http.Request.IsHttps && !http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The sign-in pages are served over HTTPS only.",
                        extensions: new Dictionary<string, object?> { ["code"] = IdentityErrors.HttpsRequired });
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        pages.MapGet("/account.css", () => Results.Bytes(Stylesheet, "text/css; charset=utf-8"));
        pages.MapGet("/sign-in", SignInForm);
        pages.MapPost("/sign-in", SignInAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/two-factor", TwoFactorForm);
        pages.MapPost("/two-factor", TwoFactorAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/forgot-password", ForgotPasswordForm);
        pages.MapPost("/forgot-password", ForgotPasswordAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/reset-password", ResetPasswordForm);
        pages.MapPost("/reset-password", ResetPasswordAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/confirm-email", ConfirmEmailAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
    }

    private static IResult SignInForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page<SignInPage>(new { Action = WithReturnUrl("/account/sign-in", returnUrl), Tokens = antiforgery.GetAndStoreTokens(http) });

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromForm] SignInForm form, string? returnUrl, PasswordSignIn signIn, SecurityLog log, SignInThrottle throttle, IAntiforgery antiforgery)
    {
        IResult Failed(string error, int status = StatusCodes.Status200OK) => Page<SignInPage>(new
        {
            Action = WithReturnUrl("/account/sign-in", returnUrl), UserName = form.UserName, Error = error, Tokens = antiforgery.GetAndStoreTokens(http),
        }, status);

        var user = await signIn.FindAccountAsync(form.UserName);
        if (await throttle.TryAcquireAsync(user, form.UserName, http.RequestAborted) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Failed("Too many sign-in attempts for this account. Wait a minute and try again.", StatusCodes.Status429TooManyRequests);
        }

        if (user is null)
        {
            signIn.CheckAsIfKnown(form.Password);
            await log.WriteAsync(SecurityActions.SignInFailed, null, form.UserName, "unknown user", cancellationToken: http.RequestAborted);
            return Failed("The user name or password is not right.");
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await log.WriteAsync(SecurityActions.SignedIn, user, cancellationToken: http.RequestAborted);
            return Continue(returnUrl);
        }

        if (result.RequiresTwoFactor)
        {
            await log.WriteAsync(SecurityActions.TwoFactorRequired, user, cancellationToken: http.RequestAborted);
            return Results.Redirect(WithReturnUrl("/account/two-factor", returnUrl));
        }

        if (result.IsLockedOut)
        {
            await log.WriteAsync(SecurityActions.LockedOut, user, cancellationToken: http.RequestAborted);
            return Failed("This account is locked after too many failed attempts. Try again later, or reset your password.");
        }

        if (result.IsNotAllowed)
        {
            await log.WriteAsync(SecurityActions.SignInFailed, user, detail: "email not confirmed", cancellationToken: http.RequestAborted);
            return Failed("Confirm your email address first: follow the link in the mail we sent you.");
        }

        // A wrong password: the same answer whatever the account's state (PasswordSignIn); the log says what happened.
        var lockedNow = await signIn.UserManager.IsLockedOutAsync(user);
        await log.WriteAsync(lockedNow ? SecurityActions.LockedOut : SecurityActions.SignInFailed, user, detail: "wrong password", cancellationToken: http.RequestAborted);
        return Failed("The user name or password is not right.");
    }

    private static IResult TwoFactorForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page<TwoFactorPage>(new { Action = WithReturnUrl("/account/two-factor", returnUrl), Tokens = antiforgery.GetAndStoreTokens(http) });

    private static async Task<IResult> TwoFactorAsync(
        HttpContext http, [FromForm] TwoFactorForm form, string? returnUrl, SignInManager<User> signIn, SecurityLog log, IAntiforgery antiforgery)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Results.Redirect(WithReturnUrl("/account/sign-in", returnUrl));

        // Six digits are the app's code; anything else is tried as a recovery code (XXXXX-XXXXX), as typed.
        var code = TwoFactorService.Normalize(form.Code);
        var usedRecoveryCode = !(code.Length == 6 && code.All(char.IsAsciiDigit));
        var result = usedRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(form.Code.Trim())
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await log.WriteAsync(usedRecoveryCode ? SecurityActions.RecoveryCodeUsed : SecurityActions.SignedIn, user, detail: "two-factor", cancellationToken: http.RequestAborted);
            return Continue(returnUrl);
        }

        await log.WriteAsync(result.IsLockedOut ? SecurityActions.LockedOut : SecurityActions.TwoFactorFailed, user, cancellationToken: http.RequestAborted);
        return Page<TwoFactorPage>(new
        {
            Action = WithReturnUrl("/account/two-factor", returnUrl),
            Error = result.IsLockedOut ? "This account is locked after too many failed attempts. Try again later." : "That code is not right.",
            Tokens = antiforgery.GetAndStoreTokens(http),
        });
    }

    private static IResult ForgotPasswordForm(HttpContext http, IAntiforgery antiforgery) =>
        Page<ForgotPasswordPage>(new { Tokens = antiforgery.GetAndStoreTokens(http) });

    // The page does not reveal who has an account: the same answer, and the same work (one look-up, then a log entry and
    // a queued request in one commit), for a known address and an unknown one. The mail goes out later, to an account only.
    private static async Task<IResult> ForgotPasswordAsync(
        HttpContext http, [FromForm] ForgotPasswordForm form, UserManager<User> users, IdentityDbContext db, AccountEmails emails, SecurityLog log,
        IAntiforgery antiforgery)
    {
        // No account has an empty or over-long address, so refusing one says nothing about who has an account.
        if (string.IsNullOrWhiteSpace(form.Email) || form.Email.Length > UserLimits.MaxEmail)
            return Page<ForgotPasswordPage>(new { Error = "Enter the email address of your account.", Tokens = antiforgery.GetAndStoreTokens(http) });

        var user = await users.FindByEmailAsync(form.Email);
        db.Publish(new PasswordResetRequestedForAddressIntegrationEvent(form.Email, emails.RequestOrigin)); // saved with the log entry
        await log.WriteAsync(SecurityActions.PasswordResetRequested, user, user is null ? form.Email : null, user is null ? "unknown address" : null,
            cancellationToken: http.RequestAborted);

        return Page<ForgotPasswordPage>(new
        {
            Info = "If an account uses that address, a link to choose a new password is on its way. It works once, for a short time.",
            Tokens = antiforgery.GetAndStoreTokens(http),
        });
    }

    private static IResult ResetPasswordForm(HttpContext http, IAntiforgery antiforgery, string? user, string? token) =>
        Page<ResetPasswordPage>(new { User = user, Token = token, Tokens = antiforgery.GetAndStoreTokens(http) });

    /// <summary>A successful reset confirms the address (the link reached it), ends every session and revokes the user's tokens.</summary>
    private static async Task<IResult> ResetPasswordAsync(
        HttpContext http, [FromForm] ResetPasswordForm form, UserManager<User> users, IOpenIddictTokenManager tokens, SecurityLog log, IAntiforgery antiforgery)
    {
        IResult Failed(string error) => Page<ResetPasswordPage>(new { form.User, form.Token, Error = error, Tokens = antiforgery.GetAndStoreTokens(http) });

        if (form.Password != form.ConfirmPassword) return Failed("The two passwords differ.");
        var user = await users.FindByIdAsync(form.User);
        if (user is null) return Failed("This link is not valid. Ask for a new one.");

        var result = await users.ResetPasswordAsync(user, form.Token, form.Password);
        if (!result.Succeeded)
        {
            return Failed(result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? "This link was used already or has expired. Ask for a new one."
                : string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user));
        }

        await users.ResetAccessFailedCountAsync(user);
        await tokens.RevokeBySubjectAsync(user.Id.ToString(), http.RequestAborted);
        await log.WriteAsync(SecurityActions.PasswordReset, user, cancellationToken: http.RequestAborted);
        return Page<ResetPasswordPage>(new { Info = "Your password is changed. Sign in with it now.", Tokens = antiforgery.GetAndStoreTokens(http) });
    }

    /// <summary>Makes the address the link was mailed to the sign-in address (the token is bound to it), and ends every session.</summary>
    private static async Task<IResult> ConfirmEmailAsync(
        HttpContext http, string? user, string? email, string? token, UserManager<User> users, IOpenIddictTokenManager tokens, SecurityLog log)
    {
        var found = user is null ? null : await users.FindByIdAsync(user);
        if (found is null || email is null || token is null || !(await users.ChangeEmailAsync(found, email, token)).Succeeded)
            return Page<MessagePage>(new { Title = "Confirm your email", Error = "This link was used already, has expired or is not valid." });

        await tokens.RevokeBySubjectAsync(found.Id.ToString(), http.RequestAborted);
        await log.WriteAsync(SecurityActions.EmailChanged, found, detail: $"to {email}", cancellationToken: http.RequestAborted);
        return Page<MessagePage>(new { Title = "Email changed", Info = "Your sign-in address is changed.", LinkText = "Sign in", LinkHref = "/account/sign-in" });
    }

    /// <summary>Back to where the sign-in started (the authorization request); only local addresses are followed.</summary>
    private static IResult Continue(string? returnUrl) => IsLocal(returnUrl)
        ? Results.LocalRedirect(returnUrl!)
        : Page<MessagePage>(new { Title = "Signed in", Info = "You are signed in. Return to the application you came from." });

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string WithReturnUrl(string path, string? returnUrl) =>
        IsLocal(returnUrl) ? $"{path}?returnUrl={Uri.EscapeDataString(returnUrl!)}" : path;

    private static RazorComponentResult<TPage> Page<TPage>(object parameters, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent => new(parameters) { StatusCode = status };

    private static byte[] ReadStylesheet()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("account.css")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

internal sealed record SignInForm(string UserName, string Password);
internal sealed record TwoFactorForm(string Code);
internal sealed record ForgotPasswordForm(string Email);
internal sealed record ResetPasswordForm(string User, string Token, string Password, string ConfirmPassword);
