using NetArchTest.Rules;
using Shouldly;

namespace Erp.ArchitectureTests;

/// <summary>Modules and plugins meet only through Contracts; Contracts stay free of infrastructure; domains stay pure.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void ModulesAndPluginsAreFound() => ModuleAssemblies.Implementations.ShouldNotBeEmpty();

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void Implementation_ReferencesOnlyTheKernelAndContracts(string name)
    {
        var forbidden = ModuleAssemblies.Named(name).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => r.StartsWith("Erp.", StringComparison.Ordinal))
            .Where(r => r is not ("Erp.Kernel" or "Erp.Kernel.Contracts") && !r.EndsWith(".Contracts", StringComparison.Ordinal));
        forbidden.ShouldBeEmpty($"{name} may reference other modules only through their Contracts");
    }

    /// <summary>
    /// Dependencies run one way: a module uses the Contracts of the modules it depends on (directly or through them),
    /// never of a module that depends on it. Where a module needs something from such a module, it declares a port in
    /// its own Contracts for that module to implement (and <c>RequireService</c>s it).
    /// </summary>
    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void Implementation_UsesOnlyTheContractsOfModulesItDependsOn(string name)
    {
        var allowed = ModuleAssemblies.DependenciesOf(name).Append(name).Select(m => m + ".Contracts").ToHashSet(StringComparer.Ordinal);
        var used = ModuleAssemblies.Named(name).GetReferencedAssemblies().Select(r => r.Name!)
            .Where(r => r.StartsWith("Erp.", StringComparison.Ordinal) && r.EndsWith(".Contracts", StringComparison.Ordinal) && r != "Erp.Kernel.Contracts");
        used.Where(r => !allowed.Contains(r)).ShouldBeEmpty($"{name} uses Contracts of modules it does not depend on");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ContractsNames), MemberType = typeof(ModuleAssemblies))]
    public void Contracts_DependOnNeitherEfCoreNorAspNetCore_NorAnyImplementation(string name)
    {
        var implementations = ModuleAssemblies.Implementations.Select(a => a.GetName().Name!).Append("Erp.Kernel");
        var assembly = ModuleAssemblies.Named(name);
        assembly.GetReferencedAssemblies().Select(r => r.Name).ShouldNotContain(r => implementations.Contains(r));

        var result = Types.InAssembly(assembly).ShouldNot()
            .HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql").GetResult();
        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void Domain_DependsOnNeitherDataNorHttpNorInfrastructure(string name)
    {
        // Identity's user and role too: ASP.NET Core Identity works them through Erp's stores, from the Data layer.
        var result = Types.InAssembly(ModuleAssemblies.Named(name)).That().ResideInNamespace($"{name}.Domain").ShouldNot()
            .HaveDependencyOnAny($"{name}.Data", $"{name}.Http", $"{name}.Application", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult();
        result.IsSuccessful.ShouldBeTrue(string.Join(", ", result.FailingTypeNames ?? []));
    }
}
