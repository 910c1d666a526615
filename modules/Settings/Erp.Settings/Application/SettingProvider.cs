using Erp.Kernel;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;

namespace Erp.Settings.Application;

/// <summary>Values for the current caller: their company's and their own values apply where settings allow them.</summary>
internal sealed class SettingProvider(SettingDefinitions definitions, SettingResolver resolver, ICurrentUser caller, ICurrentCompany company) : ISettingProvider
{
    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Get(name);
        var levels = await LoadAsync(definition.Scopes, cancellationToken);
        return resolver.Plain(definition, resolver.Resolve(definition, levels));
    }

    public async ValueTask<string?> GetForUserAsync(string name, Guid userId, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Get(name);
        var levels = await resolver.LoadAsync(definition.Scopes.HasFlag(SettingScopes.User) ? userId : null,
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
    private ValueTask<StoredLevels> LoadAsync(SettingScopes scopes, CancellationToken cancellationToken) => resolver.LoadAsync(
        scopes.HasFlag(SettingScopes.User) ? caller.UserId : null, scopes.HasFlag(SettingScopes.Company) ? company.Id : null, cancellationToken);
}
