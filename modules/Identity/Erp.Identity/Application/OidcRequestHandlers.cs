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
/// modules' APIs are. Everything else is OpenIddict's own handlers (made when the request uses the scheme): authenticating,
/// challenging, signing in.
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

internal sealed class OidcServerHandler : IAuthenticationRequestHandler, IAuthenticationSignInHandler
{
    private readonly LazyHandler<OpenIddictServerAspNetCoreHandler> _openIddict = new();

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context) => _openIddict.InitializeAsync(scheme, context);

    public async Task<bool> HandleRequestAsync() =>
        !OidcRequestHandlers.IsApiRequest(_openIddict.Context) && await (await _openIddict.GetAsync()).HandleRequestAsync();

    public async Task<AuthenticateResult> AuthenticateAsync() => await (await _openIddict.GetAsync()).AuthenticateAsync();
    public async Task ChallengeAsync(AuthenticationProperties? properties) => await (await _openIddict.GetAsync()).ChallengeAsync(properties);
    public async Task ForbidAsync(AuthenticationProperties? properties) => await (await _openIddict.GetAsync()).ForbidAsync(properties);
    public async Task SignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties) => await (await _openIddict.GetAsync()).SignInAsync(user, properties);
    public async Task SignOutAsync(AuthenticationProperties? properties) => await (await _openIddict.GetAsync()).SignOutAsync(properties);
}

/// <summary>
/// The validation handler keeps its per-request state (a transaction) from the request processing it skips, so under
/// /api that processing runs when the request first uses the scheme instead: when the bearer scheme meets a token it has
/// not validated yet, or a challenge or forbid is answered. A request with a remembered token never starts it.
/// </summary>
internal sealed class OidcValidationHandler : IAuthenticationRequestHandler
{
    private readonly LazyHandler<OpenIddictValidationAspNetCoreHandler> _openIddict = new();
    private bool _processingDeferred;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _processingDeferred = OidcRequestHandlers.IsApiRequest(context);
        return _openIddict.InitializeAsync(scheme, context);
    }

    public async Task<bool> HandleRequestAsync() => !_processingDeferred && await (await _openIddict.GetAsync()).HandleRequestAsync();

    public async Task<AuthenticateResult> AuthenticateAsync()
    {
        await ProcessDeferredRequestAsync();
        return await (await _openIddict.GetAsync()).AuthenticateAsync();
    }

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        await ProcessDeferredRequestAsync();
        await (await _openIddict.GetAsync()).ChallengeAsync(properties);
    }

    public async Task ForbidAsync(AuthenticationProperties? properties)
    {
        await ProcessDeferredRequestAsync();
        await (await _openIddict.GetAsync()).ForbidAsync(properties);
    }

    // Validation answers no request itself (it has no endpoints), so what the processing returns does not matter here.
    private async Task ProcessDeferredRequestAsync()
    {
        if (!_processingDeferred) return;
        _processingDeferred = false;
        await (await _openIddict.GetAsync()).HandleRequestAsync();
    }
}

/// <summary>
/// OpenIddict's handler, made (with its dispatcher and factory) only when the request uses it: an API request with a
/// remembered token uses neither scheme, and those six scoped services were a third of what the request's scope held.
/// </summary>
internal sealed class LazyHandler<THandler> where THandler : IAuthenticationHandler
{
    private AuthenticationScheme _scheme = null!;
    private THandler? _handler;

    public HttpContext Context { get; private set; } = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        Context = context;
        return Task.CompletedTask;
    }

    public async ValueTask<THandler> GetAsync()
    {
        if (_handler is null)
        {
            var handler = Context.RequestServices.GetRequiredService<THandler>();
            await handler.InitializeAsync(_scheme, Context);
            _handler = handler;
        }

        return _handler;
    }
}
