using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace Erp.Identity.Application;

/// <summary>
/// OpenIddict's server and validation handlers, which process requests under <c>/api</c> only when they are used there.
/// ASP.NET Core hands every request to every request-processing scheme, and each ran its request pipeline on every API
/// call just to find that it was not one of its endpoints (connect/*, .well-known/*): 7 % (server) and 2 % (validation)
/// of the host's CPU on an authenticated read (docs/platform-core.md). Those endpoints never live under /api, where the
/// modules' APIs are. Everything else is OpenIddict's own handlers: authenticating, challenging, signing in.
/// </summary>
internal static class OidcRequestHandlers
{
    public static void AddTo(IServiceCollection services)
    {
        services.TryAddScoped<OpenIddictServerAspNetCoreHandler>();
        services.TryAddScoped<OpenIddictValidationAspNetCoreHandler>();
        services.AddScoped<OidcServerHandler>().AddScoped<OidcValidationHandler>();
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.SchemeMap[OpenIddictServerAspNetCoreDefaults.AuthenticationScheme].HandlerType = typeof(OidcServerHandler);
            o.SchemeMap[OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme].HandlerType = typeof(OidcValidationHandler);
        });
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}

internal sealed class OidcServerHandler(OpenIddictServerAspNetCoreHandler openIddict) : IAuthenticationRequestHandler, IAuthenticationSignInHandler
{
    private bool _apiRequest;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _apiRequest = OidcRequestHandlers.IsApiRequest(context);
        return openIddict.InitializeAsync(scheme, context);
    }

    public Task<bool> HandleRequestAsync() => _apiRequest ? Task.FromResult(false) : openIddict.HandleRequestAsync();

    public Task<AuthenticateResult> AuthenticateAsync() => openIddict.AuthenticateAsync();
    public Task ChallengeAsync(AuthenticationProperties? properties) => openIddict.ChallengeAsync(properties);
    public Task ForbidAsync(AuthenticationProperties? properties) => openIddict.ForbidAsync(properties);
    public Task SignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties) => openIddict.SignInAsync(user, properties);
    public Task SignOutAsync(AuthenticationProperties? properties) => openIddict.SignOutAsync(properties);
}

/// <summary>
/// The validation handler keeps its per-request state (a transaction) from the request processing it skips, so under
/// /api that processing runs when the request first uses the scheme instead: when the bearer scheme meets a token it has
/// not validated yet, or a challenge or forbid is answered. A request with a remembered token never starts it.
/// </summary>
internal sealed class OidcValidationHandler(OpenIddictValidationAspNetCoreHandler openIddict) : IAuthenticationRequestHandler
{
    private bool _processingDeferred;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _processingDeferred = OidcRequestHandlers.IsApiRequest(context);
        return openIddict.InitializeAsync(scheme, context);
    }

    public Task<bool> HandleRequestAsync() => _processingDeferred ? Task.FromResult(false) : openIddict.HandleRequestAsync();

    public async Task<AuthenticateResult> AuthenticateAsync()
    {
        await ProcessDeferredRequestAsync();
        return await openIddict.AuthenticateAsync();
    }

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        await ProcessDeferredRequestAsync();
        await openIddict.ChallengeAsync(properties);
    }

    public async Task ForbidAsync(AuthenticationProperties? properties)
    {
        await ProcessDeferredRequestAsync();
        await openIddict.ForbidAsync(properties);
    }

    // Validation answers no request itself (it has no endpoints), so what the processing returns does not matter here.
    private async Task ProcessDeferredRequestAsync()
    {
        if (!_processingDeferred) return;
        _processingDeferred = false;
        await openIddict.HandleRequestAsync();
    }
}
