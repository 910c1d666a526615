using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>Recurring jobs on two instances: each occurrence runs once; a job that always fails ends failed, visible to admins.</summary>
public sealed class RecurringJobTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["BackgroundJobs:SchedulePollingInterval"] = "00:00:00.500",
        ["BackgroundJobs:QueuePollInterval"] = "00:00:00.200",
        ["BackgroundJobs:RetryAttempts"] = "1",
        ["BackgroundJobs:RetryDelaysInSeconds:0"] = "1",
    };

    private TwoInstances _instances = null!;
    private HttpClient _admin = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _instances = await TwoInstances.StartAsync([TestPlugins.Sample, TestPlugins.EventProbe], _settings);
        (_admin, _database) = (_instances.AdminOnA, _instances.Database);
    }

    public ValueTask DisposeAsync() => _instances.DisposeAsync();

    [Fact]
    public async Task ARecurringJob_RunsOncePerOccurrence_AcrossTwoInstances()
    {
        // Every two seconds: wait for several occurrences.
        var (runs, _) = await Eventually.ValueAsync(RunsAsync, r => r.Count >= 4, TimeSpan.FromSeconds(20));
        runs.Count.ShouldBeGreaterThanOrEqualTo(4);

        // Each occurrence became one Hangfire job (the scheduler runs under a lock across instances), and no job ran twice.
        // Each comparison in one statement (one snapshot): the schedule goes on enqueuing and running occurrences meanwhile.
        const string tickJobs = "FROM jobs.jobparameter r JOIN jobs.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time' " +
            "WHERE r.name = 'RecurringJobId' AND r.value = '\"Probe.Tick\"'";
        (await ScalarAsync($"SELECT count(*) - count(DISTINCT t.value) {tickJobs}")).ShouldBe(0, "one job per occurrence");
        (await ScalarAsync($"SELECT (SELECT count(*) FROM probe.tick_runs) - (SELECT count(*) {tickJobs})")).ShouldBeLessThanOrEqualTo(0, "no job ran twice");

        var listed = await _admin.GetFromJsonAsync<JsonElement>("/api/background-jobs/recurring", Ct);
        listed.EnumerateArray().Select(j => j.GetProperty("id").GetString()).ShouldBe(["AuditLogging.MaintainPartitions", "BlobStoring.ReportOrphans", "LowCode.ScheduledAutomations", "Messaging.PurgeDelivered", "Messaging.PurgeIdempotencyKeys", "Probe.AlwaysFails", "Probe.Tick"]);
    }

    [Fact]
    public async Task AJobThatAlwaysFails_EndsFailed_AfterItsRetries_AndAdminsSeeIt()
    {
        (await _admin.PostAsync("/api/background-jobs/recurring/Probe.AlwaysFails/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var (failed, _) = await Eventually.ValueAsync(FailedAsync, f => f.Any(j => j.GetProperty("recurringJobId").GetString() == "Probe.AlwaysFails"),
            TimeSpan.FromSeconds(30));
        var job = failed.Single(j => j.GetProperty("recurringJobId").GetString() == "Probe.AlwaysFails");
        job.GetProperty("exceptionMessage").GetString().ShouldBe("probe job failed on purpose");

        await (await _admin.PostAsync("/api/background-jobs/recurring/No.Such.Job/trigger", null, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "background-jobs.recurring-job.not-found");
    }

    private async Task<List<DateTime>> RunsAsync()
    {
        var runs = new List<DateTime>();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.For(_database));
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT ran_at FROM probe.tick_runs ORDER BY ran_at", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) runs.Add(reader.GetDateTime(0));
        return runs;
    }

    private Task<long> ScalarAsync(string sql) => PostgresServer.ScalarAsync<long>(_database, sql);

    private async Task<List<JsonElement>> FailedAsync() =>
        [.. (await _admin.GetFromJsonAsync<JsonElement>("/api/background-jobs/failed", Ct)).EnumerateArray()];
}
