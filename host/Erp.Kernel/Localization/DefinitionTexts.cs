using Erp.Kernel.Modularity;

namespace Erp.Kernel.Localization;

/// <summary>
/// The names modules give in code to what they define (permissions, settings and their groups, menu entries, the
/// module itself) as texts: English from the definitions, other languages from the modules' translation files under
/// these keys. So a German administrator reads German permission names in the role editor, and a plugin ships the
/// translations of its own names beside its other texts.
/// </summary>
public static class DefinitionTexts
{
    public static string Permission(string name) => $"permission.{name}";
    public static string Setting(string name) => $"setting.{name}";
    public static string SettingHelp(string name) => $"setting.{name}.help";
    public static string SettingGroup(string group) => $"setting-group.{group}";
    public static string Menu(string segment) => $"menu.{segment}";
    public static string Module(string id) => $"module.{id}";

    /// <summary>Every such text in English, as the running modules define it.</summary>
    public static IEnumerable<KeyValuePair<string, string>> English(ModuleCatalog catalog, Func<string, string?> pluginDisplayName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pluginDisplayName);
        foreach (var module in catalog.Modules)
        {
            if (pluginDisplayName(module.Id) is { } displayName) yield return new(Module(module.Id), displayName);
            foreach (var permission in module.Permissions) yield return new(Permission(permission.Name), permission.DisplayName);
            foreach (var setting in module.Settings)
            {
                yield return new(Setting(setting.Name), setting.DisplayName);
                if (setting.Description is { } help) yield return new(SettingHelp(setting.Name), help);
                yield return new(SettingGroup(setting.Group), setting.Group);
            }

            foreach (var segment in module.Menu.SelectMany(m => m.Path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                yield return new(Menu(segment), segment);
        }
    }
}
