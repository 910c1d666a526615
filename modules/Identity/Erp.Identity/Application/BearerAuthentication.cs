using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Erp.Identity.Application;

/// <summary>
/// The API's authentication scheme. OpenIddict validates an access token the first time an instance sees it
/// (signature, issuer, audience, lifetime, entry status); the instance then remembers the validated ticket, keyed by
/// the token's SHA-256, until the token expires or <see cref="TokenSettings.TrustValidatedTokensFor"/> passes. A
/// request bearing a remembered token re-checks only what can change, the token's status (<see cref="TokenStatus"/>),
/// so a revoked token or an ended session is still refused within <see cref="TokenSettings.StatusCacheDuration"/>.
/// Verifying the RSA signature and running OpenIddict's validation pipeline on every request cost more CPU than the
/// rest of an authenticated read (docs/platform-core.md). Challenges and forbids are OpenIddict's.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ValidatedTokens validatedTokens, TokenStatus status)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Erp.Bearer";
    private const string OpenIddictScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    public static void Configure(AuthenticationSchemeOptions options)
    {
        options.ForwardChallenge = OpenIddictScheme;
        options.ForwardForbid = OpenIddictScheme;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token.IsEmpty) return await Context.AuthenticateAsync(OpenIddictScheme);

        var key = ValidatedTokens.KeyOf(token);
        if (validatedTokens.Find(key) is { } ticket)
        {
            if (await status.IsValidAsync(ticket.Principal, Context.RequestAborted)) return AuthenticateResult.Success(ticket);
            // Revoked since: OpenIddict refuses it again, with the error the client is owed.
            validatedTokens.Forget(key);
        }

        var result = await Context.AuthenticateAsync(OpenIddictScheme);
        if (result.Succeeded) validatedTokens.Remember(key, result.Ticket);
        return result;
    }

    // The one place OpenIddict's ASP.NET Core validation reads access tokens from (form and query are off).
    // A span of the header: the token (kilobytes, encrypted) is only hashed, never copied.
    private static ReadOnlySpan<char> BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value) return default;
        const string prefix = "Bearer ";
        return value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? value.AsSpan(prefix.Length).Trim() : default;
    }
}

/// <summary>Tickets of access tokens this instance has validated, bounded in number (<see cref="TokenSettings.ValidatedTokenCacheSize"/>) and time.</summary>
internal sealed class ValidatedTokens(IOptions<IdentitySettings> settings, TimeProvider clock) : IDisposable
{
    private readonly TokenSettings _settings = settings.Value.Tokens;
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = settings.Value.Tokens.ValidatedTokenCacheSize });

    /// <summary>The token's SHA-256: the cache never holds a usable token.</summary>
    public static string KeyOf(ReadOnlySpan<char> token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetByteCount(token);
        var buffer = length <= 4096 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(token, buffer);
        SHA256.HashData(buffer, hash);
        return Convert.ToBase64String(hash);
    }

    public AuthenticationTicket? Find(string key) => _tickets.TryGetValue(key, out AuthenticationTicket? ticket) ? ticket : null;

    public void Remember(string key, AuthenticationTicket ticket)
    {
        var until = clock.GetUtcNow() + _settings.TrustValidatedTokensFor;
        if (ticket.Properties.ExpiresUtc is { } expires && expires < until) until = expires;
        _tickets.Set(key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = until, Size = 1 });
    }

    public void Forget(string key) => _tickets.Remove(key);

    public void Dispose() => _tickets.Dispose();
}
