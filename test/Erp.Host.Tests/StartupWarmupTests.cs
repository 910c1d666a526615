using System.Net;
using Erp.Testing;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Work a library would do before the host serves is done by a start-up warm-up after it started instead.</summary>
public sealed class StartupWarmupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataProtectionsKeyRing_IsNotLoadedBeforeTheHostServes()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);
        using var client = host.CreateClient();
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Registered again by every AddDataProtection (antiforgery's, authentication's) after the identity module removed it.
        host.Services.GetServices<IHostedService>().Select(s => s.GetType()).ShouldNotContain(t => t.Assembly == typeof(KeyManagementOptions).Assembly);
    }

    [Fact]
    public async Task OnADatabaseNotMigratedYet_TheWarmupsWait_InsteadOfFailingOnItsMissingTables()
    {
        // An instance started before `migrate` ran: the request culture's warm-up would read settings from a table that
        // does not exist yet, and log the failure with its stack trace. Warnings logged; no job or delivery runs.
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning", ["BackgroundJobs:WorkerCount"] = "0", ["Messaging:Concurrency"] = "0",
        };
        await using var host = new ErpHost(await TestDatabases.CreateEmptyAsync(), [TestPlugins.Sample], settings: settings);
        using var instance = host.StartProcess();
        await instance.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));

        var (skipped, _) = await Eventually.ValueAsync(
            () => Task.FromResult(instance.Output.FirstOrDefault(line => line.Contains("Start-up warm-ups skipped", StringComparison.Ordinal))),
            line => line is not null, TimeSpan.FromSeconds(30));
        skipped.ShouldNotBeNull(string.Join("\n", instance.Output));
        skipped.ShouldContain("Erp.Sample: migrations after none");
        skipped.ShouldContain("Run Erp.Host migrate.");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}") };
        (await http.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        instance.Output.ShouldNotContain(line => line.Contains("does not exist", StringComparison.Ordinal), string.Join("\n", instance.Output));
    }
}
