using Erp.Kernel;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Settings.Domain;

namespace Erp.Settings.Application;

/// <summary>
/// Values for the current caller: their company's and their own values apply where settings allow them. A scope (one
/// request, one job run) reads each level once: a request's reads (its language, the installation's, whether reads
/// are audited) see one state of the settings and ask the cache once per level, not once per setting.
/// </summary>
internal sealed class SettingProvider(
    SettingDefinitions definitions, SettingResolver resolver, StoredSettings stored, ICurrentUser caller, ICurrentCompany company) : ISettingProvider
{
    private readonly LevelsReadOnce _levels = new(stored);

    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Get(name);
        var levels = await LoadAsync(definition.Scopes, cancellationToken);
        return resolver.Plain(definition, resolver.Resolve(definition, levels));
    }

    public async ValueTask<string?> GetForUserAsync(string name, Guid userId, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Get(name);
        var levels = await SettingResolver.LoadAsync(_levels, definition.Scopes.HasFlag(SettingScopes.User) ? userId : null,
            definition.Scopes.HasFlag(SettingScopes.Company) ? company.Id : null, cancellationToken);
        return resolver.Plain(definition, resolver.Resolve(definition, levels));
    }

    public async ValueTask<IReadOnlyDictionary<string, string?>> GetClientVisibleAsync(CancellationToken cancellationToken = default)
    {
        var visible = definitions.ClientVisible;
        var levels = await LoadAsync(definitions.ClientVisibleScopes, cancellationToken);
        return visible.ToDictionary(d => d.Name, d => resolver.Resolve(d, levels).Value, StringComparer.Ordinal); // never a secret (SettingRules)
    }

    /// <summary>Reads the company's and the user's level only when the settings read can have a value there.</summary>
    private ValueTask<StoredLevels> LoadAsync(SettingScopes scopes, CancellationToken cancellationToken) => SettingResolver.LoadAsync(_levels,
        scopes.HasFlag(SettingScopes.User) ? caller.UserId : null, scopes.HasFlag(SettingScopes.Company) ? company.Id : null, cancellationToken);

    /// <summary>The levels this scope has read, as it read them.</summary>
    private sealed class LevelsReadOnce(StoredSettings stored) : IStoredLevels
    {
        private readonly Dictionary<SettingLevel, StoredLevel> _read = new(3);

        public async ValueTask<StoredLevel> GetAsync(SettingLevel level, CancellationToken cancellationToken)
        {
            lock (_read)
            {
                if (_read.TryGetValue(level, out var known)) return known;
            }

            var values = await stored.GetAsync(level, cancellationToken);
            lock (_read) _read.TryAdd(level, values);
            return values;
        }
    }
}
