using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.Extensions.Logging;

namespace Erp.Permissions.Application;

/// <summary>A module's or plugin's permissions, as the admin tree shows them.</summary>
internal sealed record PermissionGroup(string Module, string DisplayName, IReadOnlyList<PermissionDefinition> Permissions);

/// <summary>
/// Every permission the running modules and plugins define, read from the module catalog (again if a plugin fails at
/// start-up). A name defined twice keeps its first definition; the later one is logged and ignored, as is a dangling parent.
/// </summary>
internal sealed class PermissionDefinitions(ModuleCatalog catalog, PluginRegistry plugins, ILogger<PermissionDefinitions> logger)
{
    private readonly RunningModules<IReadOnlyList<PermissionGroup>> _groups = new(catalog, plugins, modules => Read(modules, plugins, logger));

    /// <summary>The running modules' permissions, grouped by module in dependency order.</summary>
    public IReadOnlyList<PermissionGroup> Groups => _groups.Value;

    private static IReadOnlyList<PermissionGroup> Read(IReadOnlyList<ModuleDescriptor> modules, PluginRegistry plugins, ILogger logger)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<PermissionGroup>();
        foreach (var module in modules)
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

        return groups;
    }
}
