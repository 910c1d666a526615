namespace Erp.Kernel.Modularity;

/// <summary>
/// Declares the modules a module needs, by id (assembly name). Ids rather than <c>typeof</c> keep a module
/// free of references to another module's implementation project: only Contracts cross module lines.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DependsOnAttribute(params string[] moduleIds) : Attribute
{
    public IReadOnlyList<string> ModuleIds { get; } = moduleIds;
}
