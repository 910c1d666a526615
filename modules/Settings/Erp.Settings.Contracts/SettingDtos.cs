using System.ComponentModel.DataAnnotations;
using Erp.Kernel;

namespace Erp.Settings;

/// <summary>One settings page of the admin UI (or the user's own settings), its fields in definition order.</summary>
/// <param name="Name">The group as modules name it (stable: the path of <c>PUT /api/settings/global/{group}</c>).</param>
/// <param name="DisplayName">The group's name in the reader's language.</param>
public sealed record SettingGroupDto(string Name, string DisplayName, IReadOnlyList<SettingFieldDto> Settings);

/// <summary>
/// What the SPA needs to render and check one setting generically, with its current value at the level asked about and
/// where that value comes from. A secret's value is never sent: <paramref name="IsSet"/> says whether it has one.
/// </summary>
public sealed record SettingFieldDto(
    string Name,
    string DisplayName,
    string? Description,
    SettingType Type,
    IReadOnlyList<string> Choices,
    decimal? Minimum,
    decimal? Maximum,
    string? Pattern,
    string? DefaultValue,
    string? Value,
    SettingSource Source,
    bool IsSet);

/// <summary>The level a setting's current value comes from, lowest first.</summary>
public enum SettingSource
{
    Default,
    Configuration,
    Global,
    Company,
    User,
}

/// <summary>
/// New values by setting name, applied together or not at all. A null value removes the value at this level, so the
/// level below applies again; a secret is only sent when it changes.
/// </summary>
public sealed record UpdateSettingsRequest([Required, MaxLength(SettingLimits.MaxChangesPerRequest)] IReadOnlyDictionary<string, string?> Values);

public static class SettingLimits
{
    public const int MaxName = 200;
    public const int MaxChangesPerRequest = 500;
}
