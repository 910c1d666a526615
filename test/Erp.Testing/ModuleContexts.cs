using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Testing;

/// <summary>A module's own context, as its code would use it, from a scope of the host.</summary>
public static class ModuleContexts
{
    /// <summary>
    /// The context of <paramref name="moduleId"/> (one context per module) in <paramref name="services"/>. A plugin's
    /// context type lives in the plugin's load context, so it is found through the host's module catalog.
    /// </summary>
    public static DbContext Of(IServiceProvider services, string moduleId) => (DbContext)services.GetRequiredService(TypeOf(services, moduleId));

    /// <summary>The same context on the read replica (<see cref="ReadReplica"/>).</summary>
    public static DbContext OnReplica(IServiceProvider services, string moduleId) =>
        (DbContext)services.GetRequiredKeyedService(TypeOf(services, moduleId), ReadReplica.Key);

    private static Type TypeOf(IServiceProvider services, string moduleId) =>
        services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Id == moduleId).DbContexts.Single();
}
