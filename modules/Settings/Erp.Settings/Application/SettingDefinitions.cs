using System.Collections.Frozen;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;

namespace Erp.Settings.Application;

/// <summary>
/// Every setting the running modules and plugins define, read from the module catalog (again if a plugin fails at start-up), in definition order. Names
/// are unique: the host refuses to start a module that defines one twice or reuses another's.
/// </summary>
internal sealed class SettingDefinitions(ModuleCatalog catalog, PluginRegistry plugins)
{
    private readonly RunningModules<Defined> _defined = new(catalog, plugins, modules => new Defined([.. modules.SelectMany(m => m.Settings)]));

    public IReadOnlyList<SettingDefinition> All => _defined.Value.All;

    public FrozenDictionary<string, SettingDefinition> ByName => _defined.Value.ByName;

    public IReadOnlyList<SettingDefinition> ClientVisible => _defined.Value.ClientVisible;

    /// <summary>Every level a client-visible setting may have a value at: the levels the app configuration reads.</summary>
    public SettingScopes ClientVisibleScopes => _defined.Value.ClientVisibleScopes;

    public SettingDefinition Get(string name) => ByName.TryGetValue(name, out var definition) ? definition
        : throw new ArgumentException($"No running module or plugin defines setting '{name}'.", nameof(name));

    private sealed class Defined(IReadOnlyList<SettingDefinition> all)
    {
        public IReadOnlyList<SettingDefinition> All { get; } = all;
        public FrozenDictionary<string, SettingDefinition> ByName { get; } = all.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
        public IReadOnlyList<SettingDefinition> ClientVisible { get; } = [.. all.Where(d => d.VisibleToClients)];
        public SettingScopes ClientVisibleScopes { get; } = all.Where(d => d.VisibleToClients).Aggregate(SettingScopes.Global, (scopes, d) => scopes | d.Scopes);
    }
}
