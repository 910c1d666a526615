using System.Runtime.CompilerServices;
using System.Security.Claims;

namespace Erp.Kernel.Security;

/// <summary>
/// The claims that say who is acting, read from a principal in one pass and kept with it. A request asks who is acting
/// a few dozen times (settings, companies, permissions, logs), and each <see cref="ClaimsPrincipal.FindFirst(string)"/>
/// scans every claim through a new predicate and enumerator: ~35 scans and 5 KB per authenticated read before
/// (docs/platform-core.md). A remembered access token's principal serves every request bearing the token, so its claims
/// are read once per token; an authenticated principal's claims do not change.
/// </summary>
public sealed class CallerClaims
{
    private static readonly ConditionalWeakTable<ClaimsPrincipal, CallerClaims> Read = [];

    private CallerClaims(ClaimsPrincipal principal)
    {
        string? subject = null, clientId = null, nameIdentifier = null, name = null;
        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                // As FindFirst compares claim types: ignoring case, first match wins.
                if (subject is null && Is(claim, "sub")) subject = claim.Value;
                else if (clientId is null && Is(claim, "client_id")) clientId = claim.Value;
                else if (nameIdentifier is null && Is(claim, ClaimTypes.NameIdentifier)) nameIdentifier = claim.Value;
                else if (name is null && Is(claim, "name")) name = claim.Value;
            }
        }

        Subject = subject;
        // A client-credentials token names the client as its subject (RFC 9068): subject and client id are the same.
        ClientId = subject is not null && subject == clientId ? subject : null;
        UserId = ClientId is null && Guid.TryParse(subject ?? nameIdentifier, out var id) ? id : null;
        Name = name;
    }

    /// <summary>The claims of <paramref name="principal"/>, read the first time they are asked for.</summary>
    public static CallerClaims Of(ClaimsPrincipal principal) => Read.GetValue(principal, static p => new CallerClaims(p));

    /// <summary>The <c>sub</c> claim: a user's id, or a client's id for a client acting on its own behalf.</summary>
    public string? Subject { get; }

    /// <summary>The integration client acting on its own behalf, or null for users and nobody.</summary>
    public string? ClientId { get; }

    /// <summary>The signed-in user (<c>sub</c>, else the name identifier, as a GUID); never a client.</summary>
    public Guid? UserId { get; }

    /// <summary>The <c>name</c> claim.</summary>
    public string? Name { get; }

    private static bool Is(Claim claim, string type) => string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase);
}
