using Erp.Kernel.Hosting;
using Erp.Kernel.Modularity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Shouldly;

namespace Erp.Kernel.Tests;

/// <summary>
/// What modules declare that only makes sense across all of them is checked once all are configured: a port nobody
/// implements, a setting two modules define. Either stops start-up, rather than the first request that meets it.
/// </summary>
public sealed class CompositionChecksTests
{
    [Fact]
    public void AServiceAModuleNeeds_AndNobodyRegistered_StopsStartUp_NamingWhoShouldProvideIt()
    {
        var services = new ServiceCollection();
        var needing = Describe(new NeedsAPort(), services);

        var error = Should.Throw<InvalidOperationException>(() => ErpComposition.RefuseMissingServices([needing], services));

        error.Message.ShouldContain("needs IPort, which the provider module provides");
    }

    [Fact]
    public void AServiceAModuleNeeds_RegisteredByAnotherModule_Passes()
    {
        var services = new ServiceCollection();
        var modules = new[] { Describe(new NeedsAPort(), services), Describe(new ProvidesThePort(), services) };

        ErpComposition.RefuseMissingServices(modules, services);
    }

    [Fact]
    public void ASettingAnEarlierModuleDefines_RefusesTheLaterModule_NamingTheEarlier()
    {
        var services = new ServiceCollection();
        var (first, second) = (Describe(new DefinesTerms(), services), Describe(new AlsoDefinesTerms(), services));

        ErpComposition.RefuseSettingsDefinedEarlier(first, []);
        var error = Should.Throw<InvalidOperationException>(() => ErpComposition.RefuseSettingsDefinedEarlier(second, [first]));

        error.Message.ShouldContain("'Sales.Terms' (defined by Erp.Kernel.Tests)");
    }

    private static ModuleDescriptor Describe(ErpModule module, IServiceCollection services)
    {
        var configured = new ModuleServices(services, new ConfigurationBuilder().Build(), new HostingEnvironment { EnvironmentName = "Production" });
        module.ConfigureServices(configured);
        return configured.Describe(module, isPlugin: false);
    }

    public interface IPort;

    private sealed class Port : IPort;

    private sealed class NeedsAPort : ErpModule
    {
        public override void ConfigureServices(ModuleServices module) => module.RequireService<IPort>(providedBy: "the provider module");
    }

    private sealed class DefinesTerms : ErpModule
    {
        public override void ConfigureServices(ModuleServices module) => module.Settings.Add(new SettingDefinition("Sales.Terms", "Terms"));
    }

    private sealed class AlsoDefinesTerms : ErpModule
    {
        public override void ConfigureServices(ModuleServices module) => module.Settings.Add(new SettingDefinition("Sales.Terms", "Terms, again"));
    }

    private sealed class ProvidesThePort : ErpModule
    {
        public override void ConfigureServices(ModuleServices module) => module.Services.AddSingleton<IPort, Port>();
    }
}
