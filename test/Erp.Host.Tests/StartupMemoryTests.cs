using System.Net;
using Erp.Kernel.Hosting;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>An instance gives back the memory its start-up used, once, some time after it started serving.</summary>
public sealed class StartupMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStartedInstance_ReleasesItsStartupMemory_AfterTheConfiguredDelay()
    {
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["StartupMemory:Release"] = "true",
            ["StartupMemory:ReleaseAfter"] = "00:00:01",
        });
        using var client = host.CreateClient();
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var release = host.Services.GetRequiredService<StartupMemoryRelease>();

        var figures = await release.Released.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        GC.CollectionCount(GC.MaxGeneration).ShouldBeGreaterThan(fullCollections);
        figures.BeforeMiB.ShouldBeGreaterThan(0);
        figures.AfterMiB.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task WithReleaseOff_NothingIsCollected()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["StartupMemory:ReleaseAfter"] = "00:00:00",
        });
        using var client = host.CreateClient();
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        host.Services.GetRequiredService<StartupMemoryRelease>().Released.IsCompleted.ShouldBeFalse();
    }
}
