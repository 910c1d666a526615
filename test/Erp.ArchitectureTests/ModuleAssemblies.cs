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
}
