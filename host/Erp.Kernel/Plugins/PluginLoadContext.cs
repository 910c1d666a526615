using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Erp.Kernel.Plugins;

/// <summary>
/// One plugin's assemblies. Anything the host has (framework, ASP.NET Core, EF Core, Npgsql, the kernel, every
/// built-in module's Contracts) comes from the host, so types unify even if the plugin ships a copy.
/// Contracts of plugins loaded earlier are shared the same way; the rest resolves from the plugin's folder.
/// </summary>
internal sealed class PluginLoadContext(string pluginId, string mainAssemblyPath, SharedAssemblies shared)
    : AssemblyLoadContext($"plugin:{pluginId}")
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (shared.IsHostAssembly(assemblyName)) return null; // fall back to the host's copy
        if (shared.TryGetPluginContracts(assemblyName, out var contracts)) return contracts;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}

/// <summary>What every plugin context takes from outside itself: the host's assemblies and other plugins' Contracts.</summary>
internal sealed class SharedAssemblies
{
    private readonly HashSet<string> _host = new(
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)!,
        StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, Assembly> _pluginContracts = new(StringComparer.OrdinalIgnoreCase);

    public bool IsHostAssembly(AssemblyName name) => _host.Contains(name.Name!);

    public bool TryGetPluginContracts(AssemblyName name, out Assembly assembly) => _pluginContracts.TryGetValue(name.Name!, out assembly!);

    public void PublishContracts(Assembly assembly) => _pluginContracts.TryAdd(assembly.GetName().Name!, assembly);
}
