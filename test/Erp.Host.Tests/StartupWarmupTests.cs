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
    public async Task OnADatabaseNotMigratedYet_WarmupsJobsAndDeliveriesWait_AndBeginOnceItIsMigrated()
    {
        // An instance started before `migrate` ran (a deployment out of order): its warm-ups would read settings from tables
        // that do not exist yet, its job server would run recurring jobs against them until they failed, and the outbox
        // would log a failed dispatch every few seconds. They wait instead, and begin once the database is migrated.
        var database = await TestDatabases.CreateEmptyAsync();
        var settings = new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Warning", ["BackgroundJobs:StartDelay"] = "00:00:00.2" };
        await using var host = new ErpHost(database, [TestPlugins.Sample], settings: settings);
        using var instance = host.StartProcess();
        await instance.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}") };

        var (behind, _) = await Eventually.ValueAsync(
            () => Task.FromResult(instance.Output.FirstOrDefault(line => line.Contains("The database is behind this build", StringComparison.Ordinal))),
            line => line is not null, TimeSpan.FromSeconds(30));
        behind.ShouldNotBeNull(string.Join("\n", instance.Output));
        behind.ShouldContain("Erp.Sample: migrations after none");
        behind.ShouldContain("Run Erp.Host migrate.");
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // well past the job server's start delay
        (await http.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await JobServersAsync(database)).ShouldBe(0);

        var (exitCode, migrated) = await host.RunCommandAsync("migrate");
        exitCode.ShouldBe(0, migrated);
        (await Eventually.StatusAsync(() => http.GetAsync("/health/startup", Ct), HttpStatusCode.OK, TimeSpan.FromSeconds(30))).Value.ShouldBe(HttpStatusCode.OK);
        (await Eventually.ValueAsync(() => JobServersAsync(database), count => count > 0, TimeSpan.FromSeconds(30))).Value.ShouldBe(1);
        (await Eventually.ValueAsync(() => OutboxListenersAsync(database), count => count > 0, TimeSpan.FromSeconds(30))).Value.ShouldBe(1);

        instance.Output.ShouldNotContain(line => line.Contains("does not exist", StringComparison.Ordinal) || line.Contains("Outbox dispatch failed", StringComparison.Ordinal),
            string.Join("\n", instance.Output));
        instance.Output.Count(line => line.Contains("The database is behind this build", StringComparison.Ordinal)).ShouldBe(1);
    }

    /// <summary>Hangfire's servers registered in the database's job store; none while the store's schema does not exist.</summary>
    private static async Task<long> JobServersAsync(string database) =>
        await PostgresServer.ScalarAsync<bool>(database, "SELECT to_regclass('jobs.server') IS NOT NULL")
            ? await PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM jobs.server")
            : 0;

    /// <summary>Sessions holding the outbox dispatcher's LISTEN (their last statement).</summary>
    private static Task<long> OutboxListenersAsync(string database) =>
        PostgresServer.ScalarAsync<long>("postgres",
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND query LIKE 'LISTEN %'");
}
