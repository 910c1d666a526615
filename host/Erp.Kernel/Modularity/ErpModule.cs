using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Erp.Kernel.Modularity;

/// <summary>
/// A module or plugin: the complete list of what it contributes to the host. Every hook is explicit;
/// the kernel scans nothing. Modules are identified by their assembly name, the id that
/// <see cref="DependsOnAttribute"/> and plugin manifests use.
/// </summary>
public abstract class ErpModule
{
    /// <summary>The module's id: its assembly name, e.g. <c>Erp.Identity</c>.</summary>
    public string Id => GetType().Assembly.GetName().Name!;

    /// <summary>The module's version, from its assembly.</summary>
    public string Version =>
        GetType().Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? GetType().Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Ids of the modules this one needs, from <see cref="DependsOnAttribute"/>.</summary>
    public IReadOnlyList<string> DependsOn =>
        GetType().GetCustomAttributes<DependsOnAttribute>().SelectMany(a => a.ModuleIds).Distinct().ToArray();

    /// <summary>Registers services, the DbContext, seeders and definitions (permissions, settings, menu, OpenAPI tags).</summary>
    public abstract void ConfigureServices(ModuleServices module);

    /// <summary>Adds middleware. Runs after routing and before endpoints, in dependency order.</summary>
    public virtual void ConfigureMiddleware(IApplicationBuilder app) { }

    /// <summary>Maps the module's endpoints onto <paramref name="api"/>.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder api) { }

    /// <summary>Runs once at start-up, after migrations (when the host applies them), in dependency order.</summary>
    public virtual Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once at graceful shutdown, in reverse dependency order.</summary>
    public virtual Task ShutdownAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;
}
