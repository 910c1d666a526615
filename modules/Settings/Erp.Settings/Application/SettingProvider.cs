using Erp.Kernel;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;

namespace Erp.Settings.Application;

/// <summary>Values for the current caller: a signed-in user's own values apply where settings allow them.</summary>
internal sealed class SettingProvider(SettingDefinitions definitions, SettingResolver resolver, ICurrentUser caller) : ISettingProvider
{
    public async ValueTask<string?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var definition = definitions.Get(name);
        var levels = await resolver.LoadAsync(definition.Scopes.HasFlag(SettingScopes.User) ? caller.UserId : null, cancellationToken);
        return resolver.Plain(definition, resolver.Resolve(definition, levels));
    }

    public async ValueTask<IReadOnlyDictionary<string, string?>> GetClientVisibleAsync(CancellationToken cancellationToken = default)
    {
        var visible = definitions.ClientVisible;
        var levels = await resolver.LoadAsync(visible.Any(d => d.Scopes.HasFlag(SettingScopes.User)) ? caller.UserId : null, cancellationToken);
        return visible.ToDictionary(d => d.Name, d => resolver.Resolve(d, levels).Value, StringComparer.Ordinal); // never a secret (SettingRules)
    }
}
