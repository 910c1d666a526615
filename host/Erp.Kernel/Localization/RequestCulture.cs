using System.Globalization;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Kernel.Localization;

/// <summary>
/// Sets each request's culture (formats) and UI culture (texts): the signed-in user's own language, else the best
/// language of <c>Accept-Language</c> that Erp ships, else the installation's default (<see cref="LocalizationSettings"/>).
/// Two steps, because limits answer before authentication: <see cref="UseRequestCulture"/> settles the browser's
/// or the default language first, and <see cref="UseUserCulture"/> applies the user's own choice once they are known.
/// </summary>
public static class RequestCulture
{
    /// <summary>Before the rate limiter: the browser's language, else the installation's default.</summary>
    public static IApplicationBuilder UseRequestCulture(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var catalog = context.RequestServices.GetRequiredService<TranslationCatalog>();
        var culture = FromAcceptLanguage(context, catalog) ?? await DefaultAsync(context.RequestServices, catalog, context.RequestAborted);
        Apply(context, culture);
        await next(context);
    });

    /// <summary>After authentication: the user's own language, when they chose one.</summary>
    public static IApplicationBuilder UseUserCulture(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.RequestServices.GetRequiredService<ICurrentUser>().UserId is not null
            && await ConfiguredAsync(context.RequestServices, LocalizationSettings.Language, context.RequestServices.GetRequiredService<TranslationCatalog>(), context.RequestAborted) is { } chosen)
            Apply(context, chosen);
        await next(context);
    });

    /// <summary>
    /// The request's language. Read it from here where code may run outside the middleware's flow: an exception handler
    /// sits above these middlewares, where the culture they set has already flowed back out.
    /// </summary>
    public static CultureInfo Of(HttpContext context) => context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;

    private static void Apply(HttpContext context, CultureInfo culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        var first = context.Features.Get<IRequestCultureFeature>() is null;
        context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new Microsoft.AspNetCore.Localization.RequestCulture(culture), provider: null));
        // At send time, so it survives the exception handler clearing the headers of a failed response.
        if (first)
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers.ContentLanguage = Of(http).Name;
                return Task.CompletedTask;
            }, context);
    }

    /// <summary>The most preferred language of the header that Erp ships (itself or its parent language), as asked: de-AT keeps Austrian formats.</summary>
    private static CultureInfo? FromAcceptLanguage(HttpContext context, TranslationCatalog catalog)
    {
        var asked = context.Request.GetTypedHeaders().AcceptLanguage;
        if (asked.Count == 0) return null;
        foreach (var language in asked.OrderByDescending(l => l.Quality ?? 1))
        {
            if (language.Quality == 0 || catalog.Supported(language.Value.Value) is not { } culture) continue;
            return culture;
        }

        return null;
    }

    /// <summary>The installation's default language (English where none is set or the settings cannot be read).</summary>
    internal static async ValueTask<CultureInfo> DefaultAsync(IServiceProvider services, TranslationCatalog catalog, CancellationToken cancellationToken) =>
        await ConfiguredAsync(services, LocalizationSettings.DefaultLanguage, catalog, cancellationToken) ?? TranslationCatalog.English;

    private static async ValueTask<CultureInfo?> ConfiguredAsync(IServiceProvider services, string setting, TranslationCatalog catalog, CancellationToken cancellationToken)
    {
        if (services.GetService<ISettingProvider>() is not { } settings) return null;
        try
        {
            return await settings.GetAsync(setting, cancellationToken) is { Length: > 0 } tag ? catalog.Supported(tag) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The language is never why a request fails: with the settings unreadable (database down, schema not yet
            // migrated) the request goes on in English, and answers whatever it answers (a 503 problem, a health report).
            return null;
        }
    }
}
