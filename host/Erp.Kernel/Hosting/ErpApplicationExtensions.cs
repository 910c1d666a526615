using Erp.Kernel.Http;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
            var group = app.MapGroup("").WithMetadata(new ModuleEndpointMetadata(module.Id)).AddEndpointFilter(UnreadableValues);
            Run(module, plugins, logger, "MapEndpoints", () => module.Module.MapEndpoints(group));
        }
    }

    /// <summary>
    /// Stops requests to a failed plugin's endpoints with 404 <c>plugin-unavailable</c>. Call between authentication and
    /// authorization: before authorization, because the plugin's permissions went with it (a 403 would blame the
    /// caller); after authentication, so only a signed-in caller learns which plugin it was.
    /// </summary>
    public static IApplicationBuilder UseErpModuleAvailability(this IApplicationBuilder app) => app.UseMiddleware<ModuleAvailabilityMiddleware>();

    // A route or query value that does not parse (?limit=many): the compile-time request delegates set 400 and still run
    // the endpoint's filters with the parameter's default. ASP.NET Core's validation filter runs first and judges that
    // default (a parameter with validation attributes: 400 validation, naming it); past it, this answers as the
    // reflection-built delegates did, 400 bad-request, instead of running the endpoint with the default.
    private static ValueTask<object?> UnreadableValues(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest
            ? throw new BadHttpRequestException("A route or query value could not be read.")
            : next(context);

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
