using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Which instances run jobs, and when: a new instance serves first and runs jobs after BackgroundJobs:StartDelay (its
/// first requests get the CPU); one with BackgroundJobs:WorkerCount 0 runs none, and the instances that do run what it
/// enqueues; a recurring job run now before any job server stored its schedule is not lost.
/// </summary>
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

        Servers(host).ShouldBe(0, "serving, and no job server yet");
        var (servers, after) = await Eventually.ValueAsync(() => Task.FromResult(Servers(host)), n => n == 1, TimeSpan.FromSeconds(20));
        servers.ShouldBe(1);
        after.ShouldBeGreaterThan(TimeSpan.FromSeconds(1), "it waited for its delay");
    }

    [Fact]
    public async Task TheJobStore_WorksOnAPoolOfItsOwn_NamedAndPooledAsTheModules()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [], settings: new Dictionary<string, string?>
        {
            ["BackgroundJobs:StartDelay"] = "00:00:00",
            ["BackgroundJobs:QueuePollInterval"] = "00:00:00.200",
        });
        using var client = host.CreateClient();
        (await client.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The workers poll the queue every 200 ms, each time on a connection from the job store's pool.
        var (sessions, _) = await Eventually.ValueAsync(
            () => PostgresServer.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND application_name = 'erp-jobs'"),
            n => n > 0, TimeSpan.FromSeconds(20));
        sessions.ShouldBeGreaterThan(0, "Hangfire's connections come from the erp-jobs data source");
        var pool = new Npgsql.NpgsqlConnectionStringBuilder(host.Services.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>("erp-jobs").ConnectionString);
        pool.NoResetOnClose.ShouldBeTrue("no DISCARD ALL each time a poll's connection goes back");
        pool.MaxAutoPrepare.ShouldBeGreaterThan(0, "the polls' statements are prepared");
    }

    [Fact]
    public async Task AnInstanceWithoutWorkers_RunsNoJobs_AndAnInstanceWithWorkersRunsWhatItEnqueues()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        var fast = new Dictionary<string, string?>
        {
            ["BackgroundJobs:SchedulePollingInterval"] = "00:00:00.500",
            ["BackgroundJobs:QueuePollInterval"] = "00:00:00.200",
            ["BackgroundJobs:RetryAttempts"] = "1",
            ["BackgroundJobs:RetryDelaysInSeconds:0"] = "1",
        };
        await using var requestsOnly = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe],
            settings: new Dictionary<string, string?>(fast) { ["BackgroundJobs:WorkerCount"] = "0" });
        await requestsOnly.MigrateAsync();
        using var admin = await requestsOnly.CreateSignedInClientAsync();

        // Alone, for longer than a probe tick's period (2 s) and its start delay (none here): nothing scheduled, nothing run.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        Servers(requestsOnly).ShouldBe(0, "it registered no job server");
        // (The platform's own recurring jobs are in the store already: the test databases' template ran them.)
        (await RecurringAsync(admin)).ShouldNotContain(id => id.StartsWith("Probe.", StringComparison.Ordinal),
            "recurring jobs are scheduled by the instances that run them");
        (await TickRunsAsync(database)).ShouldBe(0);

        await using var jobs = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe], settings: fast);
        _ = jobs.Services;
        (await Eventually.ValueAsync(() => TickRunsAsync(database), n => n >= 2, TimeSpan.FromSeconds(20))).Value.ShouldBeGreaterThanOrEqualTo(2);
        Servers(requestsOnly).ShouldBe(1, "one job server: the second instance's");
        (await PostgresServer.ScalarAsync<long>(database, "SELECT count(DISTINCT instance) FROM probe.tick_runs")).ShouldBe(1, "every tick ran on one instance");

        // A run enqueued through the instance without workers runs on the other.
        (await admin.PostAsync("/api/background-jobs/recurring/Probe.AlwaysFails/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (failed, _) = await Eventually.ValueAsync(() => Task.FromResult(requestsOnly.Services.GetRequiredService<JobStorage>().GetMonitoringApi().FailedCount()),
            n => n == 1, TimeSpan.FromSeconds(20));
        failed.ShouldBe(1, "it ran, failed, was retried once and failed again");
    }

    [Fact]
    public async Task ANegativeWorkerCount_IsRefusedAtStartUp()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            ["BackgroundJobs:WorkerCount"] = "-1",
        });
        Should.Throw<Exception>(() => host.CreateClient()).GetBaseException().Message.ShouldContain("BackgroundJobs:WorkerCount is -1");
    }

    [Fact]
    public async Task ARecurringJobRunNow_BeforeAnyJobServerStoredItsSchedule_IsEnqueued_NotDropped()
    {
        // The job server stores the schedules only when it starts, and Hangfire drops the run of a job its store does not hold.
        var database = await TestDatabases.CreateEmptyAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["BackgroundJobs:StartDelay"] = "01:00:00",
        });
        await host.MigrateAsync();
        var admin = await host.CreateSignedInClientAsync();
        (await RecurringAsync(admin)).ShouldBeEmpty("no job server has stored a schedule yet");

        (await admin.PostAsync("/api/background-jobs/recurring/Messaging.PurgeDelivered/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await RecurringAsync(admin)).ShouldBe(["Messaging.PurgeDelivered"]);
        var statistics = await (await admin.GetAsync("/api/background-jobs/statistics", Ct)).ReadAsync<JobStatistics>();
        statistics.Enqueued.ShouldBe(1, "the run waits in the queue for a job server");
    }

    [Fact]
    public async Task AJobServerStoppedTwiceAtOnce_StopsOnce_AndAStopAfterItsDisposalIsHarmless()
    {
        // What a test host's shutdown does (WebApplicationFactory stops the host while the program's RunAsync stops and
        // disposes it): a CI run failed when the later stop found the service disposed.
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [], settings: new Dictionary<string, string?> { ["BackgroundJobs:StartDelay"] = "00:00:00" });
        using var client = host.CreateClient();
        (await client.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Eventually.ValueAsync(() => Task.FromResult(Servers(host)), n => n == 1, TimeSpan.FromSeconds(20))).Value.ShouldBe(1);
        var jobServer = host.Services.GetServices<IHostedService>().Single(service => service.GetType().Name == "LaterStartedJobServer");

        await Task.WhenAll(jobServer.StopAsync(Ct), jobServer.StopAsync(Ct));
        Servers(host).ShouldBe(0, "stopped: Hangfire removed its server");
        ((IDisposable)jobServer).Dispose();
        await Should.NotThrowAsync(() => jobServer.StopAsync(Ct));
    }

    private static long Servers(ErpHost host) => host.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers().Count;

    private static async Task<string[]> RecurringAsync(HttpClient admin) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>("/api/background-jobs/recurring", Ct)).EnumerateArray().Select(job => job.GetProperty("id").GetString()!)];

    private static Task<long> TickRunsAsync(string database) => PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM probe.tick_runs");
}
