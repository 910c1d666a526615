using Erp.Kernel.Plugins;
using Microsoft.Extensions.FileProviders;

namespace Erp.Host.Hosting;

/// <summary>
/// Plugins' screens (custom elements, <c>docs/plugins.md</c>) at <c>/plugins/{id}/{version}/…</c>, from the <c>wwwroot/</c>
/// folder beside each plugin's assembly, read by the host without running any of the plugin's code. The version in the
/// address lets browsers keep every file for a year without asking again (a new version is a new address); in Development
/// they revalidate, since a plugin's author rebuilds without changing its version. Only files are served: no listing, nothing
/// outside <c>wwwroot/</c> (the file provider refuses <c>..</c> and hidden files), only known content types, and nothing of a
/// plugin that failed. Anyone may read them, as the SPA's own scripts: a module import sends no token.
/// </summary>
internal static class PluginUiHosting
{
    public static void UseErpPluginUiFiles(this WebApplication app)
    {
        var plugins = app.Services.GetRequiredService<PluginRegistry>();
        var cacheControl = app.Environment.IsDevelopment() ? "no-cache" : "public, max-age=31536000, immutable";
        foreach (var ui in plugins.Uis)
        {
            // Checked per request: a plugin may fail after the pipeline is built (its migrations, its initialization).
            var files = new StaticFileOptions
            {
                RequestPath = ui.BasePath,
                FileProvider = new PhysicalFileProvider(ui.Root),
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = cacheControl,
            };
            app.UseWhen(context => context.Request.Path.StartsWithSegments(ui.BasePath) && plugins.IsAvailable(ui.PluginId), branch => branch.UseStaticFiles(files));
        }
    }

    /// <summary>
    /// Anything else under <c>/plugins</c> (an unknown plugin or version, a file that is not there, a folder) is a 404
    /// problem for anyone, signed in or not, with or without the SPA.
    /// </summary>
    public static void MapErpPluginUiNotFound(this WebApplication app) =>
        app.Map("/plugins/{**path}", () => TypedResults.NotFound()).AllowAnonymous().ExcludeFromDescription();
}
