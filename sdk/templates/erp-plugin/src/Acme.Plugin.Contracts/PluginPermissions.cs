using Erp.Kernel;

namespace Acme.Plugin;

/// <summary>The plugin's permissions. The host's admin role holds them all; grant them to other roles in Administration.</summary>
public static class PluginPermissions
{
    public const string Items = "Acme.Plugin.Items";
    public const string ManageItems = Items + ".Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Items, "View items"),
        new(ManageItems, "Manage items", Items),
    ];
}
