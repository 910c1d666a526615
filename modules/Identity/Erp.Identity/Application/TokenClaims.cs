using System.Collections.Immutable;
using System.Security.Claims;
using Erp.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Erp.Identity.Application;

/// <summary>
/// The claims Erp's tokens carry, and which token each goes to. Claims are rebuilt from the database on every
/// code exchange and refresh, so a renamed user or changed roles show in the next token.
/// </summary>
internal sealed class TokenClaims(UserManager<User> users)
{
    /// <summary>Identity's own claim type: codes and refresh tokens carry the stamp, so a security change ends them.</summary>
    public const string SecurityStamp = "AspNet.Identity.SecurityStamp";

    public async Task<ClaimsIdentity> ForUserAsync(User user, ImmutableArray<string> scopes, ClaimsPrincipal? previous = null)
    {
        var identity = previous is null
            ? new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role)
            : new ClaimsIdentity(previous.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.UserName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)])
            .SetClaim(SecurityStamp, user.SecurityStamp);
        SetScopesAndAudience(identity, scopes);
        identity.SetDestinations(claim => DestinationsOf(claim, identity));
        return identity;
    }

    /// <summary>An integration client is its own subject (RFC 9068), so permissions granted to the client apply.</summary>
    public static ClaimsIdentity ForClient(string clientId, string? displayName, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Name, displayName ?? clientId);
        SetScopesAndAudience(identity, scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return identity;
    }

    /// <summary>
    /// The API accepts only access tokens meant for it: their audience is the API when, and only when, the
    /// <c>erp_api</c> scope was granted (a sign-in for an ID token alone cannot call it).
    /// </summary>
    private static void SetScopesAndAudience(ClaimsIdentity identity, ImmutableArray<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(scopes.Contains(OidcScopes.Api) ? [OidcScopes.Api] : []);
    }

    // The identity token carries profile, email and roles only when their scope was asked for.
    private static IEnumerable<string> DestinationsOf(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        Claims.Name or Claims.PreferredUsername when identity.HasScope(Scopes.Profile) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email when identity.HasScope(Scopes.Email) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Role when identity.HasScope(Scopes.Roles) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        SecurityStamp => [], // codes and refresh tokens only: they keep every claim, whatever its destinations
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
