using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Erp.Kernel.Security;

/// <summary>
/// Who is acting: the signed-in user of the current request, an integration client (client credentials), or nobody
/// (anonymous, background work). A client is never taken for a user: its <see cref="UserId"/> is null.
/// </summary>
public interface ICurrentUser
{
    Guid? UserId { get; }

    /// <summary>The integration client acting on its own behalf, or null for users and nobody.</summary>
    string? ClientId { get; }
    string? UserName { get; }
    bool IsAuthenticated { get; }

    /// <summary>The caller's principal (an empty one when nobody is signed in), for permission checks.</summary>
    ClaimsPrincipal Principal { get; }
}

/// <summary>Reads the user from the current request's principal (<c>sub</c> claim, as OpenID Connect issues it): <see cref="CallerClaims"/>.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? Nobody;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string? ClientId => CallerClaims.Of(Principal).ClientId;

    public Guid? UserId => CallerClaims.Of(Principal).UserId;

    public string? UserName => CallerClaims.Of(Principal).Name ?? Principal.Identity?.Name;
}

public static class CurrentUserExtensions
{
    /// <summary>How logs and events name the caller: a client by its client id, a user by name (else id); null for nobody.</summary>
    public static string? ActorName(this ICurrentUser caller) => caller.ClientId ?? caller.UserName ?? caller.UserId?.ToString();
}
