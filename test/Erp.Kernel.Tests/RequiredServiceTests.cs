using Erp.Kernel.Hosting;
using Erp.Kernel.Modularity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Shouldly;

namespace Erp.Kernel.Tests;

/// <summary>A module's port that no other module implements stops start-up, instead of the first request that needs it.</summary>
public sealed class RequiredServiceTests
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

    private sealed class ProvidesThePort : ErpModule
    {
        public override void ConfigureServices(ModuleServices module) => module.Services.AddSingleton<IPort, Port>();
    }
}
