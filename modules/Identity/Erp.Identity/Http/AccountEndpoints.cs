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
        var account = api.MapGroup("/api/account/two-factor").WithTags("Account").WithStandardProblems().RequireSignedIn();
        account.MapGet("", GetAsync).WithName("GetTwoFactorSetup")
            .WithSummary("The authenticator key and QR code to set up two-step verification, and whether it is on.");
        account.MapPost("/enable", EnableAsync).WithName("EnableTwoFactor").RequireRateLimiting(RateLimitPolicies.Authentication)
            .WithSummary("Turns two-step verification on with a code from the app; returns recovery codes, shown once.");
        account.MapPost("/recovery-codes", NewRecoveryCodesAsync).WithName("RegenerateRecoveryCodes");
        account.MapPost("/disable", DisableAsync).WithName("DisableTwoFactor");
    }

    private static async Task<Ok<TwoFactorSetupDto>> GetAsync(HttpContext http, UserManager<User> users, TwoFactorService twoFactor) =>
        TypedResults.Ok(await twoFactor.GetSetupAsync(await CurrentAsync(http, users)));

    private static async Task<Ok<RecoveryCodesDto>> EnableAsync(HttpContext http, EnableTwoFactorRequest body, UserManager<User> users, TwoFactorService twoFactor) =>
        TypedResults.Ok(await twoFactor.EnableAsync(await CurrentAsync(http, users), body.Code, http.RequestAborted));

    private static async Task<Ok<RecoveryCodesDto>> NewRecoveryCodesAsync(HttpContext http, UserManager<User> users, TwoFactorService twoFactor) =>
        TypedResults.Ok(await twoFactor.NewRecoveryCodesAsync(await CurrentAsync(http, users), http.RequestAborted));

    private static async Task<NoContent> DisableAsync(HttpContext http, UserManager<User> users, TwoFactorService twoFactor)
    {
        await twoFactor.DisableAsync(await CurrentAsync(http, users), http.RequestAborted);
        return TypedResults.NoContent();
    }

    // An integration client's token has no user behind it.
    private static async Task<User> CurrentAsync(HttpContext http, UserManager<User> users) =>
        await users.GetUserAsync(http.User) ?? throw new NotFoundException(IdentityErrors.UserNotFound, "The caller is not a user.");
}
