using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace Erp.Identity.Application;

/// <summary>
/// Whether an access token still counts: its entry is valid (not revoked, not redeemed) and its sign-in
/// (authorization) has not ended. What OpenIddict's entry validation checks, but remembered for
/// <see cref="TokenSettings.StatusCacheDuration"/> in the instance's memory, so a warm request costs no query.
/// Every revocation path, OpenIddict's internal ones included, takes effect on every instance within that time,
/// with nothing to invalidate.
/// </summary>
internal sealed class TokenStatus(HybridCache cache, IServiceScopeFactory scopes, IOptions<IdentitySettings> settings)
{
    // Per instance only: the short expiry is the invalidation, and Redis would add a round trip to every request.
    private readonly HybridCacheEntryOptions _entry = new()
    {
        Expiration = settings.Value.Tokens.StatusCacheDuration,
        LocalCacheExpiration = settings.Value.Tokens.StatusCacheDuration,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    public async ValueTask<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var entries = TokenEntries.Of(principal);
        if (entries.TokenId is null) return true; // a token without an entry has nothing to revoke
        return await cache.GetOrCreateAsync(entries.CacheKey, (scopes, entries),
            static (state, ct) => LookUpAsync(state.scopes, state.entries.TokenId!, state.entries.AuthorizationId, ct), _entry, cancellationToken: cancellationToken);
    }

    private static async ValueTask<bool> LookUpAsync(IServiceScopeFactory scopes, string tokenId, string? authorizationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        if (await tokens.FindByIdAsync(tokenId, cancellationToken) is not { } token || !await tokens.HasStatusAsync(token, Statuses.Valid, cancellationToken))
            return false;
        if (authorizationId is null) return true;
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        return await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization
            && await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken);
    }
}

/// <summary>
/// The entries an access token's validity hangs on: its own and its sign-in's (authorization). A remembered token's
/// principal serves every request bearing the token (<see cref="ValidatedTokens"/>), so they and their cache key are read
/// from its claims once.
/// </summary>
internal sealed class TokenEntries
{
    private static readonly ConditionalWeakTable<ClaimsPrincipal, TokenEntries> Read = [];

    private TokenEntries(ClaimsPrincipal principal)
    {
        TokenId = principal.GetTokenId();
        AuthorizationId = principal.GetAuthorizationId();
        CacheKey = $"identity:token-status:{TokenId}:{AuthorizationId}";
    }

    public static TokenEntries Of(ClaimsPrincipal principal) => Read.GetValue(principal, static p => new TokenEntries(p));

    public string? TokenId { get; }
    public string? AuthorizationId { get; }
    public string CacheKey { get; }
}

/// <summary>OpenIddict's validation asks <see cref="TokenStatus"/> instead of looking the token and authorization entries up itself.</summary>
internal sealed class TokenStatusCheck(TokenStatus status) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    private const string RevokedDescription = "The token was revoked or its session has ended.";

    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<TokenStatusCheck>()
            .SetOrder(ValidateAudiences.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is { } principal && !await status.IsValidAsync(principal, context.CancellationToken))
            context.Reject(error: Errors.InvalidToken, description: RevokedDescription);
    }
}
