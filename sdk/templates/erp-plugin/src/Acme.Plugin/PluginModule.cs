using Acme.Plugin.Application;
using Acme.Plugin.Data;
using Acme.Plugin.Http;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Acme.Plugin;

/// <summary>
/// The plugin as the host sees it: what it registers (its database context and schema, services, permissions,
/// settings, API description) and the endpoints it maps. Its screen and menu entry are in plugin.json.
/// </summary>
public sealed class PluginModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(PluginJsonContext.Default);
        module.AddDbContext<PluginDbContext>();
        module.Services.AddScoped<ItemService>();
        module.Services.AddValidation();

        foreach (var permission in PluginPermissions.All) module.Permissions.Add(permission);
        foreach (var setting in PluginSettings.All) module.Settings.Add(setting);
        module.OpenApiTags.Add(new OpenApiTagDefinition("Acme.Plugin items", "The items of the Acme.Plugin plugin."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapItemEndpoints();
}
