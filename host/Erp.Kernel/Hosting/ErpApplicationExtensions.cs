using Erp.Kernel.Http;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Erp.Kernel.Hosting;

public static class ErpApplicationExtensions
{
    /// <summary>
    /// Adds each module's middleware and endpoints, in dependency order. Call after <c>UseRouting</c>.
    /// Each module's endpoints carry its id, so a plugin that fails later answers 404 rather than running
    /// (<see cref="UseErpModuleAvailability"/>).
    /// </summary>
    public static void UseErpModules(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        var plugins = app.Services.GetRequiredService<PluginRegistry>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Erp.Modules");

        foreach (var module in catalog.Modules.Where(m => plugins.IsAvailable(m.Id)))
            Run(module, plugins, logger, "ConfigureMiddleware", () => module.Module.ConfigureMiddleware(app));

        foreach (var module in catalog.Modules.Where(m => plugins.IsAvailable(m.Id)))
        {
            var group = app.MapGroup("").WithMetadata(new ModuleEndpointMetadata(module.Id));
            Run(module, plugins, logger, "MapEndpoints", () => module.Module.MapEndpoints(group));
        }
    }

    /// <summary>
    /// Stops requests to a failed plugin's endpoints with 404 <c>plugin-unavailable</c>. Call between authentication and
    /// authorization: before authorization, because the plugin's permissions went with it (a 403 would blame the
    /// caller); after authentication, so only a signed-in caller learns which plugin it was.
    /// </summary>
    public static IApplicationBuilder UseErpModuleAvailability(this IApplicationBuilder app) => app.UseMiddleware<ModuleAvailabilityMiddleware>();

    private static void Run(ModuleDescriptor module, PluginRegistry plugins, ILogger logger, string hook, Action action)
    {
        if (!module.IsPlugin)
        {
            action();
            return;
        }

        try
        {
            action();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = $"{hook} threw: {e.GetBaseException().Message}";
            logger.LogError(e, "Plugin {PluginId} failed: {Reason}", module.Id, reason);
            plugins.Failed(module.Id, reason);
        }
    }
}
