using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>The dashboard's figures from the audit log and the background jobs: counted by the database, each behind its permission.</summary>
public sealed class DashboardStatisticsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    private ErpHost _host = null!;
    private HttpClient _admin = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _host = new ErpHost(_database, [TestPlugins.Sample]);
        _admin = await _host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuditStatistics_CountRequestsFailuresAndChangesPerDay_OnlyOfTheViewersCompaniesAndOfNone()
    {
        var day = Today.AddDays(-2);
        await PostgresServer.ExecuteAsync($"""
            INSERT INTO audit.requests (id, occurred_at, method, path, status, duration_ms) VALUES
                (gen_random_uuid(), '{day:yyyy-MM-dd}T00:00:00Z', 'POST', '/api/x', 200, 1),
                (gen_random_uuid(), '{day:yyyy-MM-dd}T23:59:59Z', 'POST', '/api/x', 409, 1),
                (gen_random_uuid(), '{Today.AddDays(-30):yyyy-MM-dd}T12:00:00Z', 'POST', '/api/x', 500, 1);
            INSERT INTO audit.requests (id, occurred_at, method, path, status, duration_ms, company_id) VALUES
                (gen_random_uuid(), '{day:yyyy-MM-dd}T12:00:00Z', 'POST', '/api/x', 500, 1, gen_random_uuid());
            INSERT INTO audit.entity_changes (id, occurred_at, entity_type, change_type, properties) VALUES
                (gen_random_uuid(), '{day:yyyy-MM-dd}T08:00:00Z', 'Erp.Test', 'Created', '[]');
            INSERT INTO audit.entity_changes (id, occurred_at, entity_type, change_type, properties, company_id) VALUES
                (gen_random_uuid(), '{day:yyyy-MM-dd}T09:00:00Z', 'Erp.Test', 'Created', '[]', gen_random_uuid());
            """, _database);

        var statistics = await AuditAsync(14);
        statistics.Days.Select(d => d.Day).ShouldBe(Enumerable.Range(0, 14).Select(i => Today.AddDays(i - 13)));
        // Another company's request and change are not the viewer's to see, as in the audit log itself.
        statistics.Days.Single(d => d.Day == day).ShouldBe(new AuditDay(day, 2, 1, 1));

        var changesBefore = statistics.Days[^1].EntityChanges;
        (await _admin.PostAsJsonAsync("/api/sample/currencies", new { code = "ZMW", name = "Kwacha", decimalPlaces = 2 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await AuditAsync(14)).Days[^1].EntityChanges.ShouldBeGreaterThan(changesBefore);
    }

    [Fact]
    public async Task JobStatistics_CountJobsByState_AndTheRecurringJobsAndServers()
    {
        // The job server starts, and schedules the recurring jobs, once the host has started and found its database migrated.
        var (statistics, _) = await Eventually.ValueAsync(async () => await (await _admin.GetAsync("/api/background-jobs/statistics", Ct)).ReadAsync<JobStatistics>(),
            s => s.Servers >= 1 && s.Recurring >= 1, TimeSpan.FromSeconds(10));
        statistics.Recurring.ShouldBeGreaterThanOrEqualTo(1, "the audit log's partition job at least");
        statistics.Servers.ShouldBeGreaterThanOrEqualTo(1);
        new[] { statistics.Enqueued, statistics.Scheduled, statistics.Processing, statistics.Succeeded, statistics.Failed }.ShouldAllBe(n => n >= 0);
    }

    [Fact]
    public async Task Statistics_NeedTheirPermissions_AndABoundedRange()
    {
        const string password = "Correct-Horse-42";
        var userName = "viewer" + Guid.NewGuid().ToString("N")[..8];
        await _host.CreateUserAsync(_admin, userName, password);
        var viewer = await _host.CreateSignedInClientAsync(userName, password);

        await (await viewer.GetAsync("/api/audit/statistics", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.GetAsync("/api/background-jobs/statistics", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        foreach (var days in new[] { "0", "93" })
            await (await _admin.GetAsync($"/api/audit/statistics?days={days}", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", days);
        // Not a number: the range is what the caller is told (the days field, as for 0 and 93).
        var unreadable = await (await _admin.GetAsync("/api/audit/statistics?days=many", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        unreadable.GetProperty("errors").TryGetProperty("days", out _).ShouldBeTrue();
        // A value that does not parse for a parameter without rules: bad-request, and the endpoint never runs with a default.
        await (await _admin.GetAsync("/api/low-code/entities/ticket/automation-runs?succeeded=maybe", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    private async Task<AuditStatistics> AuditAsync(int days) => await (await _admin.GetAsync($"/api/audit/statistics?days={days}", Ct)).ReadAsync<AuditStatistics>();
}

internal sealed record AuditStatistics(AuditDay[] Days);
internal sealed record AuditDay(DateOnly Day, int Requests, int FailedRequests, int EntityChanges);
internal sealed record JobStatistics(long Enqueued, long Scheduled, long Processing, long Succeeded, long Failed, long Deleted, long Recurring, long Servers);
