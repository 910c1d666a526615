using System.Globalization;

namespace Erp.Kernel.Settings;

/// <summary>
/// Reads setting values as they apply now: the definition's default, then configuration (<c>Settings:Module:Setting</c> for <c>Module.Setting</c>),
/// then the global value, then the current user's own where the setting allows one. Reads are cached; a change made on
/// any instance is read on every instance within a second. A secret comes back decrypted: only server code reads it.
/// The settings module implements it.
/// </summary>
public interface ISettingProvider
{
    /// <summary>The value of <paramref name="name"/> for the current caller, or null when nothing sets it.</summary>
    /// <exception cref="ArgumentException">No running module or plugin defines <paramref name="name"/>.</exception>
    /// <exception cref="SettingUnreadableException">A stored secret cannot be decrypted.</exception>
    ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// The value of <paramref name="name"/> as it applies to another user (whom a mail goes to): their own value where
    /// the setting allows one, else the current company's, the global value, configuration, the default.
    /// </summary>
    ValueTask<string?> GetForUserAsync(string name, Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Every setting the SPA may read, with its value for the current caller.</summary>
    ValueTask<IReadOnlyDictionary<string, string?>> GetClientVisibleAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A stored secret setting that the Data Protection keys cannot decrypt any more (keys lost, or the row copied from
/// another deployment). Never answered as an empty value: an administrator has to set the secret again.
/// </summary>
public sealed class SettingUnreadableException(string name, Exception inner)
    : InvalidOperationException($"The stored value of setting '{name}' cannot be decrypted with this deployment's Data Protection keys; an administrator must set it again.", inner)
{
    public string SettingName { get; } = name;
}

/// <summary>Typed reads. Values are stored in the invariant format <see cref="SettingRules"/> checks, so parsing cannot fail for a valid definition.</summary>
public static class SettingProviderExtensions
{
    public static async ValueTask<long?> GetWholeNumberAsync(this ISettingProvider settings, string name, CancellationToken cancellationToken = default) =>
        await settings.GetAsync(name, cancellationToken) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    public static async ValueTask<decimal?> GetNumberAsync(this ISettingProvider settings, string name, CancellationToken cancellationToken = default) =>
        await settings.GetAsync(name, cancellationToken) is { } value ? decimal.Parse(value, CultureInfo.InvariantCulture) : null;

    public static async ValueTask<bool> GetYesNoAsync(this ISettingProvider settings, string name, CancellationToken cancellationToken = default) =>
        await settings.GetAsync(name, cancellationToken) == "true";
}
