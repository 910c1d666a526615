namespace Erp.Identity.Application;

/// <summary>The <c>Identity</c> configuration section.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    public const string PublicOriginKey = "Identity:PublicOrigin";

    /// <summary>
    /// Scheme and host of the sign-in pages as users reach them: links in mail and the tokens' issuer. Required outside
    /// Development, as an https origin; in Development the request's origin stands in.
    /// </summary>
    public string? PublicOrigin { get; set => field = string.IsNullOrWhiteSpace(value) ? null : value.TrimEnd('/'); }

    /// <summary>An absolute <c>https://host[:port]</c>, nothing after it.</summary>
    public static bool IsHttpsOrigin(string value) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.PathAndQuery == "/" && string.IsNullOrEmpty(uri.Fragment);

    public AdminSettings Admin { get; set; } = new();
    public SpaSettings Spa { get; set; } = new();
    public LockoutSettings Lockout { get; set; } = new();
    public TokenSettings Tokens { get; set; } = new();
    public LinkSettings Links { get; set; } = new();
    public SessionSettings Sessions { get; set; } = new();
    public KeySettings Keys { get; set; } = new();
}

/// <summary>How long a sign-in lasts at most, however active: then the user signs in again.</summary>
public sealed class SessionSettings
{
    /// <summary>The sign-in pages' session (the cookie slides within this, never beyond it).</summary>
    public TimeSpan CookieAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A refresh-token family: each refresh rotates the token, and none works once the sign-in is this old.</summary>
    public TimeSpan RefreshAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the session cookie is checked against the account (password or security changes end it).</summary>
    public TimeSpan SecurityStampCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>How long the links identity mails stay usable. Each works once.</summary>
public sealed class LinkSettings
{
    /// <summary>A password reset link: whoever reads the mailbox later cannot use it after this.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A link setting the first password of an account that has none (the welcome mail): longer than a reset's, since an
    /// invited colleague may read it days later; it still works once.
    /// </summary>
    public TimeSpan NewAccountLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A link confirming a changed email address.</summary>
    public TimeSpan EmailConfirmationLifetime { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>The first administrator, created by the seeder when no administrator exists. No default password exists anywhere.</summary>
public sealed class AdminSettings
{
    public string UserName { get; set; } = "admin";
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>The Angular SPA: a public client using authorization code + PKCE, with exact redirect URIs.</summary>
public sealed class SpaSettings
{
    public const string DefaultClientId = "erp-spa";

    public string ClientId { get; set; } = DefaultClientId;
    public string[] RedirectUris { get; set; } = [];
    public string[] PostLogoutRedirectUris { get; set; } = [];
}

public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;
    public int Minutes { get; set; } = 15;
}

public sealed class TokenSettings
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a refresh token already used still works: none. Tokens rotate on every use, and a spent one presented
    /// again is taken as stolen: OpenIddict refuses it and revokes its whole sign-in (authorization), as the OAuth 2.0
    /// Security BCP asks. A grace period would let a thief who replays within it in.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long an instance trusts a token's last known status (valid, revoked, session ended). Every revocation,
    /// OpenIddict's own included, reaches every instance within it, with no invalidation to get wrong; the
    /// database sees at most one look-up per token per instance in it, instead of one per request.
    /// </summary>
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long an instance trusts an access token it has validated (signature, issuer, audience) before validating
    /// it again, within the token's own lifetime; its status is still checked on every request.
    /// </summary>
    public TimeSpan TrustValidatedTokensFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many validated access tokens an instance remembers at most; beyond it, the least recently used are validated again.</summary>
    public long ValidatedTokenCacheSize { get; set; } = 10_000;
}

/// <summary>
/// Token signing and encryption certificates (PKCS#12), each a file path or base64 text, with its password.
/// Required outside Development; Development falls back to OpenIddict's development certificates.
/// </summary>
public sealed class KeySettings
{
    public string? SigningCertificate { get; set; }
    public string? SigningCertificatePassword { get; set; }
    public string? EncryptionCertificate { get; set; }
    public string? EncryptionCertificatePassword { get; set; }
}
