using Erp.Kernel;

namespace Erp.Settings;

/// <summary>Who may see and change the global settings. A user's own settings need no permission.</summary>
public static class SettingsPermissions
{
    public const string Default = "Settings";
    public const string Manage = "Settings.Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Default, "See settings"),
        new(Manage, "Change settings", Default),
    ];
}

/// <summary>Stable error codes of the settings module.</summary>
public static class SettingsErrors
{
    public const string UnknownGroup = "settings.group.unknown";
    public const string InvalidValue = "settings.value.invalid";
    public const string ScopeNotAllowed = "settings.value.scope-not-allowed";
    public const string UserOnly = "settings.value.user-only";
}
