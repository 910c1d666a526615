using Erp.Kernel;
using Erp.Kernel.Plugins;

namespace Erp.Host.Http;

/// <summary>A plugin's screen the user may open: the SPA shows the custom element <paramref name="Element"/>, defined by the module at <paramref name="Entry"/>, at <paramref name="Path"/>.</summary>
/// <param name="Plugin">The plugin's id.</param>
/// <param name="Path">The SPA's route of the screen (<c>/screens/Erp.Sample/rates-board</c>).</param>
/// <param name="Entry">The module's address on this host, with the plugin's version in it (<c>/plugins/Erp.Sample/1.0.0/screens.js</c>).</param>
/// <param name="Sdk">The major version of the plugin SDK the element expects.</param>
public sealed record PluginScreenDto(string Plugin, string Path, string Element, string Entry, int Sdk);

/// <summary>The screens of the available plugins, as <c>GET /api/app-config</c> lists them and adds their menu entries.</summary>
internal static class PluginScreens
{
    /// <summary>The screens whose permission the user holds (or that need none).</summary>
    public static IReadOnlyList<PluginScreenDto> VisibleTo(IReadOnlySet<string> granted, PluginRegistry plugins) =>
        [.. All(plugins)
            .Where(s => s.Screen.Permission is null || granted.Contains(s.Screen.Permission))
            .Select(s => new PluginScreenDto(s.Ui.PluginId, s.Ui.ScreenPath(s.Screen), s.Screen.Element, s.Ui.EntryUrl(s.Screen), s.Ui.Ui.Sdk))];

    /// <summary>The screens' menu entries, each needing its screen's permission, as the modules' own entries do.</summary>
    public static IEnumerable<MenuItemDefinition> MenuItems(PluginRegistry plugins) =>
        All(plugins).Where(s => s.Screen.Menu is not null)
            .Select(s => new MenuItemDefinition(s.Screen.Menu!, s.Ui.ScreenPath(s.Screen), s.Screen.Permission, s.Screen.Order));

    private static IEnumerable<(LoadedPluginUi Ui, PluginScreen Screen)> All(PluginRegistry plugins) =>
        plugins.Uis.SelectMany(ui => ui.Ui.Screens.Select(screen => (ui, screen)));
}
