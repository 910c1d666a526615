using System.Collections.Frozen;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.Extensions.Logging;

namespace Erp.Permissions.Application;

/// <summary>A module's or plugin's permissions, as the admin tree shows them.</summary>
internal sealed record PermissionGroup(string Module, string DisplayName, IReadOnlyList<PermissionDefinition> Permissions);

/// <summary>
/// Every permission the running modules and plugins define, read once from the module catalog. A name
/// defined twice keeps its first definition; the later one is logged and ignored, as is a dangling parent.
/// </summary>
internal sealed class PermissionDefinitions
{
    public PermissionDefinitions(ModuleCatalog catalog, PluginRegistry plugins, ILogger<PermissionDefinitions> logger)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<PermissionGroup>();
        foreach (var module in catalog.Modules.Where(m => plugins.IsAvailable(m.Id)))
        {
            var own = new List<PermissionDefinition>();
            foreach (var definition in module.Permissions)
            {
                if (seen.Add(definition.Name)) own.Add(definition);
                else logger.LogError("Permission {Permission} of {Module} is already defined; ignored.", definition.Name, module.Id);
            }

            if (own.Count > 0)
                groups.Add(new PermissionGroup(module.Id, plugins.All.FirstOrDefault(p => p.Id == module.Id)?.DisplayName ?? module.Id, own));
        }

        foreach (var dangling in groups.SelectMany(g => g.Permissions).Where(p => p.Parent is not null && !seen.Contains(p.Parent)))
            logger.LogWarning("Permission {Permission} names parent {Parent}, which is not defined.", dangling.Name, dangling.Parent);

        Groups = groups;
        Names = seen.ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<PermissionGroup> Groups { get; }

    /// <summary>Every defined name: what the administrator role holds.</summary>
    public FrozenSet<string> Names { get; }
}
