using System.Collections.Concurrent;
using Erp.Kernel;
using Erp.Settings.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Erp.Settings.Application;

/// <summary>A setting's value at the level asked about, in stored form (a secret's ciphertext when stored), and where it comes from.</summary>
internal readonly record struct ResolvedSetting(string? Value, SettingSource Source);

/// <summary>The stored values a resolution reads: the global level, the company's and the user's own when asked about.</summary>
internal sealed record StoredLevels(StoredLevel Global, StoredLevel? Company, StoredLevel? User);

/// <summary>
/// The one place the chain is walked: the user's own value (where the setting allows one), else the company's (likewise),
/// else the global value, else configuration (<c>Settings:Sales:PaymentTermDays</c> for <c>Sales.PaymentTermDays</c>), else
/// the definition's default.
/// </summary>
internal sealed class SettingResolver(StoredSettings stored, IConfiguration configuration, SecretSettings secrets)
{
    public const string ConfigurationSection = "Settings";

    private readonly ConfiguredValues _configured = new(configuration);

    /// <summary>The levels as stored now: what the admin and user settings APIs show, and read again after a change.</summary>
    public ValueTask<StoredLevels> LoadAsync(Guid? userId, Guid? companyId, CancellationToken cancellationToken) =>
        LoadAsync(stored, userId, companyId, cancellationToken);

    public static async ValueTask<StoredLevels> LoadAsync(IStoredLevels source, Guid? userId, Guid? companyId, CancellationToken cancellationToken) => new(
        await source.GetAsync(SettingLevel.Global, cancellationToken),
        companyId is { } company ? await source.GetAsync(SettingLevel.OfCompany(company), cancellationToken) : null,
        userId is { } user ? await source.GetAsync(SettingLevel.OfUser(user), cancellationToken) : null);

    public ResolvedSetting Resolve(SettingDefinition definition, StoredLevels levels)
    {
        if (levels.User is { } user && definition.Scopes.HasFlag(SettingScopes.User) && user.ByName.TryGetValue(definition.Name, out var own))
            return new(own, SettingSource.User);
        if (levels.Company is { } company && definition.Scopes.HasFlag(SettingScopes.Company) && company.ByName.TryGetValue(definition.Name, out var ofCompany))
            return new(ofCompany, SettingSource.Company);
        if (definition.Scopes.HasFlag(SettingScopes.Global) && levels.Global.ByName.TryGetValue(definition.Name, out var global))
            return new(global, SettingSource.Global);
        if (Configured(definition) is { } configured) return new(configured, SettingSource.Configuration);
        return new(definition.DefaultValue, SettingSource.Default);
    }

    /// <summary>The value server code reads: a stored secret decrypted (configuration holds secrets in clear, as it holds every other secret).</summary>
    public string? Plain(SettingDefinition definition, ResolvedSetting resolved) =>
        definition.IsSecret && resolved.Source is SettingSource.Global or SettingSource.Company or SettingSource.User && resolved.Value is { } ciphertext
            ? secrets.Unprotect(definition.Name, ciphertext)
            : resolved.Value;

    public string? Configured(SettingDefinition definition) => _configured.Get(definition);

    /// <summary>
    /// <c>Settings:</c> and the name's parts as sections: nested in JSON, <c>Settings__Sales__PaymentTermDays</c> as an
    /// environment variable (a name with dots is one no shell exports).
    /// </summary>
    public static string ConfigurationKey(SettingDefinition definition) => $"{ConfigurationSection}:{definition.Name.Replace('.', ':')}";

    /// <summary>
    /// Most settings have no stored value, so nearly every read ends in configuration, a look-up through each of its
    /// providers (environment, files, command line): values are kept by name until configuration reloads. A read in
    /// flight during a reload adds to the dictionary being dropped, never to the one that replaces it.
    /// </summary>
    private sealed class ConfiguredValues
    {
        private readonly IConfiguration _configuration;
        private ConcurrentDictionary<string, string?> _values = new(StringComparer.Ordinal);

        public ConfiguredValues(IConfiguration configuration)
        {
            _configuration = configuration;
            ChangeToken.OnChange(configuration.GetReloadToken, () => Volatile.Write(ref _values, new(StringComparer.Ordinal)));
        }

        public string? Get(SettingDefinition definition) => Volatile.Read(ref _values).GetOrAdd(definition.Name,
            static (_, read) => read.Configuration[ConfigurationKey(read.Definition)], (Configuration: _configuration, Definition: definition));
    }
}
