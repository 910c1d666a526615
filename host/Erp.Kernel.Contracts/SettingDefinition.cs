namespace Erp.Kernel;

/// <summary>
/// A setting a module or plugin defines in code, with what the admin UI needs to render and check it. Values are
/// strings in an invariant format (<c>1234.5</c>, <c>true</c>); the settings module stores and resolves them:
/// default, then configuration (<c>Settings:Module:Setting</c> for <c>Module.Setting</c>), then the global value, then the request's company's,
/// then the user's own.
/// </summary>
/// <param name="Name">Stable name, <c>Module.Setting</c>; configured as <c>Settings:Module:Setting</c>.</param>
public sealed record SettingDefinition(string Name, string DisplayName, SettingType Type = SettingType.Text)
{
    public string? DefaultValue { get; init; }

    /// <summary>Where a value may be set; global only unless said otherwise.</summary>
    public SettingScopes Scopes { get; init; } = SettingScopes.Global;

    /// <summary>The settings page and section the admin UI shows it on.</summary>
    public string Group { get; init; } = "General";

    /// <summary>Help shown under the field.</summary>
    public string? Description { get; init; }

    /// <summary>Sent to the SPA with the app configuration. Never a secret.</summary>
    public bool VisibleToClients { get; init; }

    /// <summary>Inclusive bounds of an <see cref="SettingType.WholeNumber"/> or <see cref="SettingType.Number"/>.</summary>
    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    /// <summary>A regular expression a <see cref="SettingType.Text"/> value must match as a whole.</summary>
    public string? Pattern { get; init; }

    /// <summary>The values a <see cref="SettingType.Choice"/> allows.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Stored encrypted, written by admins, never returned to any client: the owning module reads it.</summary>
    public bool IsSecret => Type == SettingType.Secret;
}

public enum SettingType
{
    Text,
    WholeNumber,
    Number,
    YesNo,
    Choice,
    Secret,
    Email,
    Url,
    TimeZone,
    Currency,
}

/// <summary>The levels a setting may be set at, above its default and configuration: global, then company, then user.</summary>
[Flags]
public enum SettingScopes
{
    Global = 1,
    User = 2,

    /// <summary>Each company may have its own value (its invoice prefix, its payment terms).</summary>
    Company = 4,
}
