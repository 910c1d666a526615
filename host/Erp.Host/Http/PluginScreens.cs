using Erp.Kernel;
using Erp.Kernel.Plugins;

namespace Erp.Host.Http;

/// <summary>A plugin's screen the user may open: the SPA shows the custom element <paramref name="Element"/>, defined by the module at <paramref name="Entry"/>, at <paramref name="Path"/>.</summary>
/// <param name="Plugin">The plugin's id.</param>
/// <param name="Path">The SPA's route of the screen (<c>/screens/Erp.Sample/rates-board</c>).</param>
/// <param name="Entry">The module's address on this host, with the plugin's version in it (<c>/plugins/Erp.Sample/1.0.0/screens.js</c>).</param>
/// <param name="Sdk">The major version of the plugin SDK the element expects.</param>
public sealed record PluginScreenDto(string Plugin, string Path, string Element, string Entry, int Sdk);

/// <summary>A plugin's element the user may see in one of the SPA's slots: the SPA shows <paramref name="Element"/>, defined by the module at <paramref name="Entry"/>, where it shows <paramref name="Slot"/>.</summary>
/// <param name="Plugin">The plugin's id.</param>
/// <param name="Slot">The slot it fills (<c>dashboard</c>).</param>
/// <param name="Entry">The module's address on this host, with the plugin's version in it (<c>/plugins/Erp.Sample/1.0.0/dashboard.js</c>).</param>
/// <param name="Sdk">The major version of the plugin SDK the element expects.</param>
public sealed record PluginSlotElementDto(string Plugin, string Slot, string Element, string Entry, int Sdk);

/// <summary>The screens and slot elements of the available plugins, as <c>GET /api/app-config</c> lists them and adds the screens' menu entries.</summary>
internal static class PluginScreens
{
    /// <summary>The screens whose permission the user holds (or that need none).</summary>
    public static IReadOnlyList<PluginScreenDto> VisibleTo(IReadOnlySet<string> granted, PluginRegistry plugins) =>
        [.. AllScreens(plugins)
            .Where(s => MayShow(s.Screen.Permission, granted))
            .Select(s => new PluginScreenDto(s.Ui.PluginId, s.Ui.ScreenPath(s.Screen), s.Screen.Element, s.Ui.EntryUrl(s.Screen.Entry), s.Ui.Ui.Sdk))];

    /// <summary>The slot elements whose permission the user holds (or that need none), in each slot's order, then by plugin.</summary>
    public static IReadOnlyList<PluginSlotElementDto> SlotElementsVisibleTo(IReadOnlySet<string> granted, PluginRegistry plugins) =>
        [.. plugins.Uis.SelectMany(ui => ui.Ui.Slots.Select(slot => (Ui: ui, Slot: slot)))
            .Where(s => MayShow(s.Slot.Permission, granted))
            .OrderBy(s => s.Slot.Order).ThenBy(s => s.Ui.PluginId, StringComparer.Ordinal)
            .Select(s => new PluginSlotElementDto(s.Ui.PluginId, s.Slot.Slot, s.Slot.Element, s.Ui.EntryUrl(s.Slot.Entry), s.Ui.Ui.Sdk))];

    /// <summary>The screens' menu entries, each needing its screen's permission, as the modules' own entries do.</summary>
    public static IEnumerable<MenuItemDefinition> MenuItems(PluginRegistry plugins) =>
        AllScreens(plugins).Where(s => s.Screen.Menu is not null)
            .Select(s => new MenuItemDefinition(s.Screen.Menu!, s.Ui.ScreenPath(s.Screen), s.Screen.Permission, s.Screen.Order));

    private static bool MayShow(string? permission, IReadOnlySet<string> granted) => permission is null || granted.Contains(permission);

    private static IEnumerable<(LoadedPluginUi Ui, PluginScreen Screen)> AllScreens(PluginRegistry plugins) =>
        plugins.Uis.SelectMany(ui => ui.Ui.Screens.Select(screen => (ui, screen)));
}
