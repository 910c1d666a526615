using System.Security.Claims;
using Erp.Identity.Application;
using Erp.Identity.Domain;
using Erp.Identity.Http.Pages;
using Erp.Kernel.Http;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Erp.Identity.Http;

/// <summary>
/// The OpenID Connect endpoints OpenIddict validates and hands over (passthrough): authorization (code + PKCE,
/// after the sign-in pages), token (code, refresh, client credentials), userinfo and end session. Revocation and
/// discovery are answered by OpenIddict itself.
/// </summary>
internal static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var connect = endpoints.MapGroup("/connect").AllowAnonymous().ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        connect.MapPost("/token", ExchangeAsync).RequireRateLimiting(RateLimitPolicies.Token).DisableAntiforgery();
        connect.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).DisableAntiforgery();
        connect.MapGet("/endsession", SignOutForm);
        connect.MapPost("/endsession", SignOutAsync);
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, AccountService account, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, TokenClaims claims)
    {
        var request = ServerRequest(http);
        var user = await account.SessionUserAsync();
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None)) return Forbid(Errors.LoginRequired, "The user is not signed in.");
            // Back here after signing in, without prompt=login, so the user is not asked twice.
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
                .Where(p => p.Key != Parameters.Prompt).ToList();
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        var identity = await claims.ForUserAsync(user, request.GetScopes());
        // An ad-hoc authorization ties every token of this sign-in together: signing out revokes them as one.
        var application = await ClientAsync(applications, request, http.RequestAborted);
        var authorization = await authorizations.CreateAsync(identity, user.Id.ToString(),
            (await applications.GetIdAsync(application, http.RequestAborted))!, AuthorizationTypes.AdHoc, identity.GetScopes(), http.RequestAborted);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, http.RequestAborted));
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http, SignInManager<User> signIn, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations,
        TokenClaims claims, IOptions<IdentitySettings> settings, TimeProvider clock)
    {
        var request = ServerRequest(http);
        if (request.IsClientCredentialsGrantType())
        {
            var application = await ClientAsync(applications, request, http.RequestAborted);
            var identity = TokenClaims.ForClient(request.ClientId!, await applications.GetDisplayNameAsync(application, http.RequestAborted), request.GetScopes());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var previous = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
            var user = await signIn.UserManager.FindByIdAsync(previous.GetClaim(Claims.Subject)!);
            // A user deleted, locked or no longer allowed since the code or refresh token was issued gets nothing more.
            if (user is null || !await signIn.CanSignInAsync(user) || await signIn.UserManager.IsLockedOutAsync(user))
                return Forbid(Errors.InvalidGrant, "The account can no longer sign in.");
            // The password or the account's security changed since this sign-in: it ends here.
            if (previous.GetClaim(TokenClaims.SecurityStamp) != user.SecurityStamp)
                return Forbid(Errors.InvalidGrant, "The account's credentials changed since this sign-in.");
            if (request.IsRefreshTokenGrantType()
                && await authorizations.FindByIdAsync(previous.GetAuthorizationId()!, http.RequestAborted) is { } authorization
                && await authorizations.GetCreationDateAsync(authorization, http.RequestAborted) is { } signedInAt
                && clock.GetUtcNow() - signedInAt > settings.Value.Sessions.RefreshAbsoluteLifetime)
            {
                await authorizations.TryRevokeAsync(authorization, http.RequestAborted);
                return Forbid(Errors.InvalidGrant, "This sign-in has reached its maximum age: sign in again.");
            }

            var identity = await claims.ForUserAsync(user, previous.GetScopes(), previous);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static IResult SignOutForm(HttpContext http, IAntiforgery antiforgery)
    {
        var parameters = http.Request.Query.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
        var page = new RazorComponentResult<SignOutPage>(new { Parameters = parameters, Tokens = antiforgery.GetAndStoreTokens(http) });
        http.Response.Headers.ContentSecurityPolicy = AccountPageEndpoints.ContentSecurityPolicy;
        return page;
    }

    /// <summary>
    /// Ends the server session and revokes the tokens of the sign-in named by <c>id_token_hint</c>, then returns to the
    /// SPA. Only the signed-in user's own form does it: the anti-forgery token is required (a page elsewhere cannot sign
    /// a user out), and a hint naming someone else's sign-in revokes nothing.
    /// </summary>
    private static async Task<IResult> SignOutAsync(
        HttpContext http, UserManager<User> users, AccountService account, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            throw new BadHttpRequestException("The sign-out form has expired or did not come from this server. Open it again.");

        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal!) : null;
        // The id_token_hint names the sign-in to end: only one of the signed-in user's own.
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var ownSignIn = user is not null && hint?.GetClaim(Claims.Subject) == user.Id.ToString() ? hint.GetAuthorizationId() : null;
        await account.SignOutAsync(user, ownSignIn, http.RequestAborted);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/sign-in" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    // OpenIddict has validated the request, and its client, before handing it over (passthrough).
    private static OpenIddictRequest ServerRequest(HttpContext http) =>
        http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

    private static async Task<object> ClientAsync(IOpenIddictApplicationManager applications, OpenIddictRequest request, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
        ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");

    /// <summary>What OpenID Connect clients read about the signed-in user, as the access token's scopes allow, read fresh.</summary>
    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<User> users)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        // Client ids are never GUID-shaped, so only a user's token gets past this.
        if (principal?.GetClaim(Claims.Subject) is not { } subject || !Guid.TryParse(subject, out _) || await users.FindByIdAsync(subject) is not { } user)
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The token does not belong to a user.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = subject };
        if (principal.HasScope(Scopes.Profile)) (claims[Claims.Name], claims[Claims.PreferredUsername]) = (user.UserName, user.UserName);
        if (principal.HasScope(Scopes.Email)) (claims[Claims.Email], claims[Claims.EmailVerified]) = (user.Email, user.EmailConfirmed);
        if (principal.HasScope(Scopes.Roles)) claims[Claims.Role] = await users.GetRolesAsync(user);
        return Results.Ok(claims);
    }

    private static ForbidHttpResult Forbid(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
