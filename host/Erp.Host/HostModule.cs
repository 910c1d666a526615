using Erp.Host.Http;
using Erp.Kernel;
using Erp.Kernel.Modularity;

namespace Erp.Host;

/// <summary>
/// The host's own endpoints (application configuration, plugin list, texts), the permission guarding the plugin list,
/// and the language settings the kernel reads.
/// </summary>
[DependsOn("Erp.Permissions")]
internal sealed class HostModule : ErpModule
{
    public const string PluginsPermission = "Host.Plugins";

    public override void ConfigureServices(ModuleServices module)
    {
        module.Permissions.Add(new PermissionDefinition(PluginsPermission, "See installed plugins and why any failed"));
        foreach (var setting in LocalizationSettings.All) module.Settings.Add(setting);
        module.Menu.Add(new MenuItemDefinition("Administration/Plugins", "/admin/plugins", PluginsPermission, Order: 50));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Application", "What the SPA starts from: the user, permissions, settings, menu and plugins."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Plugins", "Plugins found at start-up and their status."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapAppConfigEndpoints();
        api.MapPluginEndpoints();
    }
}
