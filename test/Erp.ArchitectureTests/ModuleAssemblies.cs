using System.Reflection;

namespace Erp.ArchitectureTests;

/// <summary>Every module and plugin assembly built beside these tests: implementations and their Contracts.</summary>
internal static class ModuleAssemblies
{
    private static readonly string[] Kernel = ["Erp.Kernel", "Erp.Kernel.Contracts"];

    public static IReadOnlyList<Assembly> All { get; } = Directory
        .GetFiles(AppContext.BaseDirectory, "Erp.*.dll")
        .Select(Path.GetFileNameWithoutExtension)
        .Where(name => !Kernel.Contains(name) && name != typeof(ModuleAssemblies).Assembly.GetName().Name)
        .Select(name => Assembly.Load(name!))
        .OrderBy(a => a.GetName().Name)
        .ToList();

    public static IReadOnlyList<Assembly> Contracts { get; } = [.. All.Where(IsContracts)];
    public static IReadOnlyList<Assembly> Implementations { get; } = [.. All.Where(a => !IsContracts(a))];

    public static bool IsContracts(Assembly assembly) => assembly.GetName().Name!.EndsWith(".Contracts", StringComparison.Ordinal);

    public static TheoryData<string> ImplementationNames() => [.. Implementations.Select(a => a.GetName().Name!)];
    public static TheoryData<string> ContractsNames() => [.. Contracts.Select(a => a.GetName().Name!)];

    public static Assembly Named(string name) => All.Single(a => a.GetName().Name == name);

    /// <summary>The modules <paramref name="name"/> depends on, directly or through them (their [DependsOn] ids).</summary>
    public static IEnumerable<string> DependenciesOf(string name)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var current))
        {
            var module = Implementations.SingleOrDefault(a => a.GetName().Name == current)?.GetTypes()
                .SingleOrDefault(t => t.IsSubclassOf(typeof(Erp.Kernel.Modularity.ErpModule)) && !t.IsAbstract);
            if (module is null) continue;
            foreach (var dependency in ((Erp.Kernel.Modularity.ErpModule)Activator.CreateInstance(module)!).DependsOn)
                if (found.Add(dependency)) pending.Push(dependency);
        }

        return found;
    }
}
