using System.Net;
using System.Text.Json.Serialization;
using Erp.Host.Http;
using Erp.Kernel.Hosting;
using Erp.Kernel.Http;
using Erp.Kernel.Localization;
using Erp.Kernel.Modularity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Json;

namespace Erp.Host.Hosting;

/// <summary>The host's HTTP behaviour shared by every module: errors, CORS, proxies, transport security, headers.</summary>
internal static class WebDefaults
{
    private const long DefaultMaxRequestBodySize = 4 * 1024 * 1024;

    public static void AddErpWebDefaults(this WebApplicationBuilder builder, ModuleCatalog catalog)
    {
        var services = builder.Services;
        // Enums as their names and numbers as JSON numbers only: the OpenAPI document then types them exactly, and so does
        // the SPA's client generated from it (not number | string).
        services.AddJsonTypes(HostJsonContext.Default);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Unreadable request bodies reach the exception handler, which answers with problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Read now, not when the first request builds the policy: a bad origin stops start-up before anything else runs.
        var origins = AllowedOrigins(builder.Configuration);
        services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowCredentials()
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            // X-Company: the company the SPA works in; Accept-Language: the language it reads (docs/companies.md, docs/localization.md).
            .WithHeaders("Authorization", "Content-Type", "If-Match", "X-Requested-With", "X-Company", "Accept-Language")
            .WithExposedHeaders("Location", "Retry-After", "ETag", "Content-Language")));
        // Pages in Arabic or German as written, not as character references (the encoders escape all but Basic Latin by default).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<ForwardedHeadersOptions>(o => ConfigureProxies(o, builder.Configuration));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Bound explicitly so the limit holds however the server is started (tests start Kestrel themselves).
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize =
            builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? DefaultMaxRequestBodySize);
        services.AddErpRateLimits(builder.Configuration);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "erp.antiforgery";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddErpHealthChecks(builder.Configuration);
        services.AddErpOpenApi(catalog);
    }

    public static void UseErpWebDefaults(this WebApplication app)
    {
        app.UseErpMetrics();
        app.UseForwardedHeaders();
        // Outside the exception handler, so the logged status is the one the client got.
        app.UseSerilogRequestLoggingWithoutHealthProbes();
        app.Use(SecurityHeaders);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // Redirect only where this host serves HTTPS itself (HTTPS_PORT set); behind a TLS-terminating proxy,
            // X-Forwarded-Proto marks requests as HTTPS. Load balancers probe health over plain HTTP.
            if (app.Configuration["HTTPS_PORT"] is not null)
                app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        // The CORS middleware bound by hand: UseCors() compiles an expression tree to call it (its Invoke takes the policy
        // provider), on the main thread while the host starts, and resolves a policy provider per request.
        app.Use(next =>
        {
            var cors = new CorsMiddleware(next, app.Services.GetRequiredService<ICorsService>(), app.Services.GetRequiredService<ILoggerFactory>());
            var policies = app.Services.GetRequiredService<ICorsPolicyProvider>();
            return context => cors.Invoke(context, policies);
        });
        app.UseErpSpaFiles();
        app.UseErpPluginUiFiles();
        app.UseRouting();
        // The browser's language before the limits, so even a 429 reads in it; the user's own once they are known.
        app.UseRequestCulture();
        // Limits first, so a flood is refused before any password hashing or token work.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseUserCulture();
        app.UseErpModuleAvailability();
        app.UseAuthorization();
        app.UseAntiforgery();
        // A form post whose anti-forgery token did not validate, refused as a 400 problem before the endpoint: request
        // delegates the compile-time generator wrote read the form without checking first, and the form then throws (a 500).
        app.Use((context, next) => context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? throw new Microsoft.AspNetCore.Http.BadHttpRequestException("The anti-forgery token is missing or invalid.")
            : next(context));
    }

    public static void MapErpEndpoints(this WebApplication app)
    {
        app.MapErpHealthChecks();
        app.MapErpOpenApi();
        app.MapErpPluginUiNotFound();
        app.MapErpSpaFallback();
        app.BuildEndpointsOnce();
    }

    /// <summary><c>Cors:AllowedOrigins</c>: exact origins only. Credentials are allowed, so a wildcard never is.</summary>
    private static string[] AllowedOrigins(IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        foreach (var origin in origins)
        {
            if (origin.Contains('*', StringComparison.Ordinal)
                || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
                throw new InvalidOperationException($"Cors:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], no wildcard, no path).");
        }

        return origins;
    }

    /// <summary>Trust X-Forwarded-For/-Proto only from the proxies named in <c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c> (and loopback).</summary>
    private static void ConfigureProxies(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }

    // Set when the response starts, so responses rewritten by the exception handler keep them.
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // The API serves data, not pages: pages (sign-in, the Development API reference) set their own policy.
            if (!context.Request.Path.StartsWithSegments("/scalar") && string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
