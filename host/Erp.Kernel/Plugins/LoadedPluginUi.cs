namespace Erp.Kernel.Plugins;

/// <summary>The screens and slot elements of a loaded plugin, where their files are on disk, and the addresses the SPA reaches them at.</summary>
/// <param name="Root">The plugin's <c>wwwroot/</c> folder.</param>
public sealed record LoadedPluginUi(string PluginId, string Version, string Root, PluginUi Ui)
{
    /// <summary>
    /// Where the host serves the files. The version is part of it, so a new version is a new address and browsers may
    /// keep every file of the old one for good.
    /// </summary>
    public string BasePath => $"/plugins/{PluginId}/{Version}";

    /// <summary>The address of a module of the plugin's, such as a screen's or a slot element's entry.</summary>
    public string EntryUrl(string entry) => $"{BasePath}/{entry}";

    /// <summary>The SPA's route of the screen: under the plugin's id, so two plugins' routes never meet.</summary>
    public string ScreenPath(PluginScreen screen) => $"/screens/{PluginId}/{screen.Route}";
}
