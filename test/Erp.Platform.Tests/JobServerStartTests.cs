using System.Net;
using Erp.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>A new instance serves first and runs jobs after BackgroundJobs:StartDelay (its first requests get the CPU).</summary>
public sealed class JobServerStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInstance_JoinsTheJobServers_OnlyAfterItsStartDelay()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["BackgroundJobs:StartDelay"] = "00:00:03",
        });
        using var client = host.CreateClient();
        (await client.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Task<int> Servers() => Task.FromResult(host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count);

        (await Servers()).ShouldBe(0, "serving, and no job server yet");
        var (servers, after) = await Eventually.ValueAsync(Servers, n => n == 1, TimeSpan.FromSeconds(20));
        servers.ShouldBe(1);
        after.ShouldBeGreaterThan(TimeSpan.FromSeconds(1), "it waited for its delay");
    }
}
