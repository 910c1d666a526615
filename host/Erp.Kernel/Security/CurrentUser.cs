using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Erp.Kernel.Security;

/// <summary>Who is acting: the signed-in user of the current request, or nobody (anonymous, background work).</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string? UserName { get; }
    bool IsAuthenticated { get; }

    /// <summary>The caller's principal (an empty one when nobody is signed in), for permission checks.</summary>
    ClaimsPrincipal Principal { get; }
}

/// <summary>Reads the user from the current request's principal (<c>sub</c> claim, as OpenID Connect issues it).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? Nobody;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? UserId =>
        Guid.TryParse(Principal.FindFirstValue("sub") ?? Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? UserName => Principal.FindFirstValue("name") ?? Principal.Identity?.Name;
}
