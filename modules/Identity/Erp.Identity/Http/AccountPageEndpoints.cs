using Erp.Kernel.Domain;
using System.Reflection;
using Erp.Identity.Application;
using Erp.Identity.Http.Pages;
using Erp.Identity.Users;
using Erp.Kernel.Http;
using Erp.Kernel.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Erp.Identity.Http;

/// <summary>
/// The server's own sign-in pages: sign in, two-step verification, forgot, reset and change password, confirm email.
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
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                        detail: http.RequestServices.GetRequiredService<CatalogStringLocalizer>().Translate(new LocalizableText(IdentityErrors.HttpsRequired)),
                        extensions: new Dictionary<string, object?> { ["code"] = IdentityErrors.HttpsRequired });
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        pages.MapGet("/account.css", () => Results.Bytes(Stylesheet, "text/css; charset=utf-8"));
        pages.MapGet("/sign-in", SignInForm);
        // The posts take each field as its own [FromForm] value (a missing one is null), which the compile-time request
        // delegate generator binds; a form class would be bound by expression trees compiled at start-up. [FromForm]
        // also makes the endpoint require a valid anti-forgery token.
        pages.MapPost("/sign-in", SignInAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/two-factor", TwoFactorForm);
        pages.MapPost("/two-factor", TwoFactorAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/forgot-password", ForgotPasswordForm);
        pages.MapPost("/forgot-password", ForgotPasswordAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/reset-password", ResetPasswordForm);
        pages.MapPost("/reset-password", ResetPasswordAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/confirm-email", ConfirmEmailAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
        pages.MapGet("/change-password", ChangePasswordFormAsync);
        pages.MapPost("/change-password", ChangePasswordAsync).RequireRateLimiting(RateLimitPolicies.Authentication);
    }

    private static IResult SignInForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page<SignInPage>(new { Action = WithReturnUrl("/account/sign-in", returnUrl), Tokens = antiforgery.GetAndStoreTokens(http) });

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromForm] string? userName, [FromForm] string? password, string? returnUrl, AccountService account, IAntiforgery antiforgery)
    {
        var outcome = await account.SignInAsync(userName ?? "", password ?? "", http.RequestAborted);
        if (outcome.Status == SignInStatus.SignedIn) return Continue(returnUrl);
        if (outcome.Status == SignInStatus.TwoFactorRequired) return Results.Redirect(WithReturnUrl("/account/two-factor", returnUrl));
        if (outcome.RetryAfter is { } retryAfter)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        return Page<SignInPage>(new
        {
            Action = WithReturnUrl("/account/sign-in", returnUrl), UserName = userName, Tokens = antiforgery.GetAndStoreTokens(http),
            Error = outcome.Status switch
            {
                SignInStatus.Throttled => "identity.page.sign-in.throttled",
                SignInStatus.LockedOut => "identity.page.sign-in.locked-out",
                SignInStatus.EmailNotConfirmed => "identity.page.sign-in.email-not-confirmed",
                _ => "identity.page.sign-in.failed",
            },
        }, outcome.Status == SignInStatus.Throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK);
    }

    private static IResult TwoFactorForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Page<TwoFactorPage>(new { Action = WithReturnUrl("/account/two-factor", returnUrl), Tokens = antiforgery.GetAndStoreTokens(http) });

    private static async Task<IResult> TwoFactorAsync(
        HttpContext http, [FromForm] string? code, string? returnUrl, AccountService account, IAntiforgery antiforgery)
    {
        var outcome = await account.SignInWithSecondFactorAsync(code ?? "", http.RequestAborted);
        return outcome.Status switch
        {
            SignInStatus.SignedIn => Continue(returnUrl),
            SignInStatus.NotStarted => Results.Redirect(WithReturnUrl("/account/sign-in", returnUrl)),
            _ => Page<TwoFactorPage>(new
            {
                Action = WithReturnUrl("/account/two-factor", returnUrl),
                Error = outcome.Status == SignInStatus.LockedOut ? "identity.page.two-factor.locked-out" : "identity.page.two-factor.failed",
                Tokens = antiforgery.GetAndStoreTokens(http),
            }),
        };
    }

    private static IResult ForgotPasswordForm(HttpContext http, IAntiforgery antiforgery) =>
        Page<ForgotPasswordPage>(new { Tokens = antiforgery.GetAndStoreTokens(http) });

    // The same answer whether the address is known or not (and the same work: AccountService), so the page does not
    // reveal who has an account.
    private static async Task<IResult> ForgotPasswordAsync(HttpContext http, [FromForm] string? email, AccountService account, IAntiforgery antiforgery)
    {
        // No account has an empty or over-long address, so refusing one says nothing about who has an account.
        if (string.IsNullOrWhiteSpace(email) || email.Length > UserLimits.MaxEmail)
            return Page<ForgotPasswordPage>(new { Error = "identity.page.forgot-password.email-missing", Tokens = antiforgery.GetAndStoreTokens(http) });

        await account.RequestPasswordResetAsync(email, http.RequestAborted);
        return Page<ForgotPasswordPage>(new
        {
            Info = "identity.page.forgot-password.sent",
            Tokens = antiforgery.GetAndStoreTokens(http),
        });
    }

    private static IResult ResetPasswordForm(HttpContext http, IAntiforgery antiforgery, string? user, string? token) =>
        Page<ResetPasswordPage>(new { User = user, Token = token, Tokens = antiforgery.GetAndStoreTokens(http) });

    private static async Task<IResult> ResetPasswordAsync(
        HttpContext http, [FromForm] string? user, [FromForm] string? token, [FromForm] string? password, [FromForm] string? confirmPassword,
        AccountService account, IAntiforgery antiforgery)
    {
        IResult Failed(string error) => Page<ResetPasswordPage>(new { User = user, Token = token, Error = error, Tokens = antiforgery.GetAndStoreTokens(http) });

        if (password != confirmPassword) return Failed("identity.page.reset-password.differ");
        return await account.ResetPasswordAsync(user ?? "", token ?? "", password ?? "", http.RequestAborted) switch
        {
            null => Page<ResetPasswordPage>(new { Info = "identity.page.reset-password.done", Tokens = antiforgery.GetAndStoreTokens(http) }),
            { LinkInvalid: true } => Failed("identity.page.reset-password.link-invalid"),
            var refusal => Failed(string.Join(" ", refusal.PasswordProblems)),
        };
    }

    private static async Task<IResult> ConfirmEmailAsync(HttpContext http, string? user, string? email, string? token, AccountService account) =>
        await account.ConfirmEmailChangeAsync(user, email, token, http.RequestAborted)
            ? Page<MessagePage>(new { Title = "identity.page.email-changed.title", Info = "identity.page.email-changed.info", LinkText = "identity.page.sign-in.title", LinkHref = "/account/sign-in" })
            : Page<MessagePage>(new { Title = "identity.page.confirm-email.title", Error = "identity.page.confirm-email.link-invalid" });

    // Needs the session the sign-in pages keep (the cookie); without one, through sign-in and back here.
    private static async Task<IResult> ChangePasswordFormAsync(HttpContext http, IAntiforgery antiforgery, AccountService account, string? returnUrl) =>
        await account.SessionUserAsync() is { } user
            ? ChangePasswordPage(http, antiforgery, user, returnUrl)
            : SignInFirst(returnUrl);

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword, string? returnUrl,
        AccountService account, IAntiforgery antiforgery)
    {
        if (await account.SessionUserAsync() is not { } user) return SignInFirst(returnUrl);
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
            return ChangePasswordPage(http, antiforgery, user, returnUrl, "identity.page.change-password.missing");
        if (newPassword != confirmPassword) return ChangePasswordPage(http, antiforgery, user, returnUrl, "identity.page.reset-password.differ");

        return await account.ChangePasswordAsync(user, currentPassword, newPassword, http.RequestAborted) switch
        {
            null when IsLocal(returnUrl) => Results.LocalRedirect(returnUrl!),
            null => Page<ChangePasswordPage>(new { Info = "identity.page.change-password.done", Tokens = antiforgery.GetAndStoreTokens(http) }),
            { Problem: PasswordChangeProblem.WrongPassword } => ChangePasswordPage(http, antiforgery, user, returnUrl, "identity.page.change-password.wrong-current"),
            { Problem: PasswordChangeProblem.LockedOut } => ChangePasswordPage(http, antiforgery, user, returnUrl, "identity.page.sign-in.locked-out"),
            var refusal => ChangePasswordPage(http, antiforgery, user, returnUrl, string.Join(" ", refusal.PasswordProblems)),
        };
    }

    private static RazorComponentResult<ChangePasswordPage> ChangePasswordPage(
        HttpContext http, IAntiforgery antiforgery, Domain.User user, string? returnUrl, string? error = null) =>
        Page<ChangePasswordPage>(new
        {
            Action = WithReturnUrl("/account/change-password", returnUrl), user.UserName, ReturnUrl = IsLocal(returnUrl) ? returnUrl : null, Error = error,
            Tokens = antiforgery.GetAndStoreTokens(http),
        });

    private static RedirectHttpResult SignInFirst(string? returnUrl) =>
        TypedResults.Redirect(WithReturnUrl("/account/sign-in", WithReturnUrl("/account/change-password", returnUrl)));

    /// <summary>Back to where the sign-in started (the authorization request); only local addresses are followed.</summary>
    private static IResult Continue(string? returnUrl) => IsLocal(returnUrl)
        ? Results.LocalRedirect(returnUrl!)
        : Page<MessagePage>(new { Title = "identity.page.signed-in.title", Info = "identity.page.signed-in.info" });

    // Browsers drop tabs and line breaks from addresses ("/\t/evil.example" is "//evil.example" to them), and
    // LocalRedirect refuses control characters with an exception: such an address is not followed.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

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
