using System.Reflection;
using Erp.Kernel.Domain;
using Erp.Kernel.Modularity;
using Shouldly;

namespace Erp.ArchitectureTests;

/// <summary>The shape every module shares, so a reader who knows one knows all.</summary>
public sealed class ConventionTests
{
    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void Implementation_DeclaresExactlyOneModule_NamedAfterIt(string name)
    {
        var modules = ModuleAssemblies.Named(name).GetExportedTypes().Where(t => t.IsSubclassOf(typeof(ErpModule))).ToList();
        modules.ShouldHaveSingleItem().Name.ShouldEndWith("Module");
        modules[0].IsSealed.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void EndpointClasses_AreStaticAndInternal(string name)
    {
        var types = ModuleAssemblies.Named(name).GetTypes();
        // A module without HTTP (Emailing) has nothing to check; one with an Http folder must map through *Endpoints classes.
        if (!types.Any(t => t.Namespace == $"{name}.Http")) return;
        var endpoints = types.Where(t => t.Namespace == $"{name}.Http" && t.Name.EndsWith("Endpoints", StringComparison.Ordinal)).ToList();
        endpoints.ShouldNotBeEmpty();
        endpoints.Where(t => !(t.IsAbstract && t.IsSealed) || t.IsPublic).Select(t => t.Name).ShouldBeEmpty();
    }

    // ASP.NET Core calls a middleware whose InvokeAsync takes more than the HttpContext through an expression tree it
    // compiles while the host starts, on the main thread (docs/operations.md, Start-up); scoped services come from
    // context.RequestServices instead.
    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void Middlewares_InvokeWithTheHttpContextOnly(string name)
    {
        var middlewares = ModuleAssemblies.Named(name).GetTypes()
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType.FullName == "Microsoft.AspNetCore.Http.RequestDelegate")));
        middlewares.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name is "Invoke" or "InvokeAsync" && m.GetParameters().Length > 1).Select(m => $"{t.FullName}.{m.Name}"))
            .ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void DomainEvents_AreSealedRecords(string name)
    {
        var events = ModuleAssemblies.Named(name).GetTypes().Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && !t.IsInterface);
        events.Where(t => !t.IsSealed || t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is null)
            .Select(t => t.Name).ShouldBeEmpty();
    }

    /// <summary>Aggregates guard their own state: it changes through their methods, never through a public setter.</summary>
    [Theory]
    [MemberData(nameof(ModuleAssemblies.ImplementationNames), MemberType = typeof(ModuleAssemblies))]
    public void Aggregates_HaveNoPublicSetters(string name)
    {
        var aggregates = ModuleAssemblies.Named(name).GetTypes().Where(t => t.IsSubclassOf(typeof(AggregateRoot)));
        aggregates.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => $"{t.Name}.{p.Name}"))
            .ShouldBeEmpty();
    }
}
