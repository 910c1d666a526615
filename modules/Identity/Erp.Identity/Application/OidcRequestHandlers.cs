using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server.AspNetCore;

namespace Erp.Identity.Application;

/// <summary>
/// OpenIddict's server handler, asked to process only requests outside <c>/api</c>. ASP.NET Core hands every request
/// to every request-processing scheme, and OpenIddict ran its request pipeline on each API call just to find that it
/// was not one of its endpoints (connect/*, .well-known/*): 7 % of the host's CPU on an authenticated read
/// (docs/platform-core.md). Its endpoints never live under /api, where the modules' APIs are. Everything else is
/// OpenIddict's own handler.
/// </summary>
internal sealed class OidcServerHandler(OpenIddictServerAspNetCoreHandler openIddict) : IAuthenticationRequestHandler, IAuthenticationSignInHandler
{
    private HttpContext? _context;

    public static void AddTo(IServiceCollection services)
    {
        services.TryAddScoped<OpenIddictServerAspNetCoreHandler>();
        services.AddScoped<OidcServerHandler>();
        services.PostConfigure<AuthenticationOptions>(o =>
            o.SchemeMap[OpenIddictServerAspNetCoreDefaults.AuthenticationScheme].HandlerType = typeof(OidcServerHandler));
    }

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return openIddict.InitializeAsync(scheme, context);
    }

    public Task<bool> HandleRequestAsync() =>
        _context!.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? Task.FromResult(false) : openIddict.HandleRequestAsync();

    public Task<AuthenticateResult> AuthenticateAsync() => openIddict.AuthenticateAsync();
    public Task ChallengeAsync(AuthenticationProperties? properties) => openIddict.ChallengeAsync(properties);
    public Task ForbidAsync(AuthenticationProperties? properties) => openIddict.ForbidAsync(properties);
    public Task SignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties) => openIddict.SignInAsync(user, properties);
    public Task SignOutAsync(AuthenticationProperties? properties) => openIddict.SignOutAsync(properties);
}
