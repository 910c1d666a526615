using Erp.Kernel;

namespace Acme.Plugin;

/// <summary>The plugin's settings: administrators change them on the settings page, under the group below.</summary>
public static class PluginSettings
{
    public const string Group = "Acme.Plugin";
    public const string MaxItems = "Acme.Plugin.MaxItems";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(MaxItems, "Most items per company", SettingType.WholeNumber)
        {
            DefaultValue = "1000", Minimum = 1, Maximum = 1_000_000, Group = Group, Description = "A company cannot add items beyond this.",
        },
    ];
}
