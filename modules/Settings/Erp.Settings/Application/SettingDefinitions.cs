using System.Collections.Frozen;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;

namespace Erp.Settings.Application;

/// <summary>
/// Every setting the running modules and plugins define, read once from the module catalog, in definition order. Names
/// are unique: the host refuses to start a module that defines one twice or reuses another's.
/// </summary>
internal sealed class SettingDefinitions
{
    public SettingDefinitions(ModuleCatalog catalog, PluginRegistry plugins)
    {
        All = [.. catalog.Modules.Where(m => plugins.IsAvailable(m.Id)).SelectMany(m => m.Settings)];
        ByName = All.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);
        ClientVisible = [.. All.Where(d => d.VisibleToClients)];
        ClientVisibleScopes = ClientVisible.Aggregate(SettingScopes.Global, (scopes, d) => scopes | d.Scopes);
    }

    public IReadOnlyList<SettingDefinition> All { get; }

    public FrozenDictionary<string, SettingDefinition> ByName { get; }

    public IReadOnlyList<SettingDefinition> ClientVisible { get; }

    /// <summary>Every level a client-visible setting may have a value at: the levels the app configuration reads.</summary>
    public SettingScopes ClientVisibleScopes { get; }

    public SettingDefinition Get(string name) => ByName.TryGetValue(name, out var definition) ? definition
        : throw new ArgumentException($"No running module or plugin defines setting '{name}'.", nameof(name));
}
