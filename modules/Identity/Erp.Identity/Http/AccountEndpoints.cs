using Erp.Identity.Account;
using Erp.Identity.Application;
using Erp.Identity.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace Erp.Identity.Http;

/// <summary>The signed-in user's own security settings: setting up two-step verification and recovery codes.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder api)
    {
        var account = api.MapGroup("/api/account/two-factor").WithTags("Account").WithStandardProblems().RequireSignedIn()
            .AddEndpointFilter(NoStore);
        account.MapGet("", GetAsync).WithName("GetTwoFactorSetup")
            .WithSummary("Whether two-step verification is on; while it is off, the authenticator key and QR code to set it up.");
        account.MapPost("/enable", EnableAsync).WithName("EnableTwoFactor").RequireRateLimiting(RateLimitPolicies.Authentication)
            .WithSummary("Turns two-step verification on with a code from the app; returns recovery codes, shown once.");
        account.MapPost("/recovery-codes", RegenerateRecoveryCodesAsync).WithName("RegenerateRecoveryCodes").RequireRateLimiting(RateLimitPolicies.Authentication)
            .WithSummary("Replaces the recovery codes; needs the current password or an authenticator code.");
        account.MapPost("/disable", DisableAsync).WithName("DisableTwoFactor").RequireRateLimiting(RateLimitPolicies.Authentication)
            .WithSummary("Turns two-step verification off; needs the current password or an authenticator code.");
    }

    // Keys and recovery codes stay out of every cache, the browser's included.
    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    private static async Task<Ok<TwoFactorSetupDto>> GetAsync(ICurrentUser caller, UserManager<User> users, TwoFactorService twoFactor) =>
        TypedResults.Ok(await twoFactor.GetSetupAsync(await CurrentAsync(caller, users)));

    private static async Task<Ok<RecoveryCodesDto>> EnableAsync(HttpContext http, EnableTwoFactorRequest body, ICurrentUser caller, UserManager<User> users, TwoFactorService twoFactor) =>
        TypedResults.Ok(await twoFactor.EnableAsync(await CurrentAsync(caller, users), body.Code, http.RequestAborted));

    private static async Task<Ok<RecoveryCodesDto>> RegenerateRecoveryCodesAsync(
        HttpContext http, ConfirmIdentityRequest body, ICurrentUser caller, UserManager<User> users, TwoFactorService twoFactor) =>
        TypedResults.Ok(await twoFactor.RegenerateRecoveryCodesAsync(await CurrentAsync(caller, users), body, http.RequestAborted));

    private static async Task<NoContent> DisableAsync(HttpContext http, ConfirmIdentityRequest body, ICurrentUser caller, UserManager<User> users, TwoFactorService twoFactor)
    {
        await twoFactor.DisableAsync(await CurrentAsync(caller, users), body, http.RequestAborted);
        return TypedResults.NoContent();
    }

    // An integration client's token has no user behind it (ICurrentUser never reads a client as a user).
    private static async Task<User> CurrentAsync(ICurrentUser caller, UserManager<User> users) =>
        (caller.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null)
        ?? throw new NotFoundException(IdentityErrors.NotAUser);
}
