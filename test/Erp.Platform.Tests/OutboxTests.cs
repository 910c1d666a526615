using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Integration events through the outbox, on two instances sharing one database: committed events reach each
/// handler once, rolled-back ones never, and a handler that always throws ends dead after its retries.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private const string First = "first", Second = "second";

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Messaging:MaxAttempts"] = "3",
        ["Messaging:RetryDelay"] = "00:00:00.050",
    };

    private TwoInstances _instances = null!;
    private HttpClient _onA = null!;
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        _instances = await TwoInstances.StartAsync([TestPlugins.Sample, TestPlugins.EventProbe], _settings);
        (_onA, _database) = (_instances.AdminOnA, _instances.Database);
    }

    public ValueTask DisposeAsync() => _instances.DisposeAsync();

    [Fact]
    public async Task CommittedEvents_ReachEachHandlerExactlyOnce_WithTwoInstancesDelivering()
    {
        var probes = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var probe in probes) await PublishAsync(probe, "ok");

        foreach (var probe in probes)
        {
            var (effects, _) = await Eventually.ValueAsync(() => EffectsAsync(probe), e => e.Count == 2, Patience);
            effects.ShouldBe(new Dictionary<string, int> { [First] = 1, [Second] = 1 }, ignoreOrder: true);
        }

        // Nothing is left to deliver, and nothing arrived twice once both dispatchers had their chance.
        (await CountAsync("SELECT count(*) FROM messaging.outbox_deliveries WHERE status <> 1")).ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM (SELECT 1 FROM probe.effects GROUP BY probe_id, handler HAVING count(*) > 1) twice")).ShouldBe(0);
    }

    [Fact]
    public async Task EventPublishedInARolledBackTransaction_IsNeverStoredNorDelivered()
    {
        var rolledBack = Guid.NewGuid();
        var response = await _onA.PostAsJsonAsync("/api/probe/events", new { probeId = rolledBack, behaviour = "ok", rollBack = true }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // A committed event published after it is delivered: the dispatchers have had their chance at both.
        var committed = Guid.NewGuid();
        await PublishAsync(committed, "ok");
        (await Eventually.ValueAsync(() => EffectsAsync(committed), e => e.Count == 2, Patience)).Value.Count.ShouldBe(2);

        (await EffectsAsync(rolledBack)).ShouldBeEmpty();
        (await CountAsync($"SELECT count(*) FROM messaging.outbox_messages WHERE payload->>'probeId' = '{rolledBack}'")).ShouldBe(0);
    }

    [Fact]
    public async Task AnEventPublishedByARequestThatFailedBeforeSaving_IsNotCarriedByTheNextSaveOnItsPooledContext()
    {
        var abandoned = Guid.NewGuid();
        (await _onA.PostAsJsonAsync("/api/probe/events", new { probeId = abandoned, behaviour = "ok", failBeforeSaving = true }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Later saves lease contexts from the same pool, the abandoned one among them.
        var committed = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var probe in committed) await PublishAsync(probe, "ok");
        foreach (var probe in committed)
            (await Eventually.ValueAsync(() => EffectsAsync(probe), e => e.Count == 2, Patience)).Value.Count.ShouldBe(2);

        (await EffectsAsync(abandoned)).ShouldBeEmpty();
        (await CountAsync($"SELECT count(*) FROM messaging.outbox_messages WHERE payload->>'probeId' = '{abandoned}'")).ShouldBe(0);
    }

    [Fact]
    public async Task HandlerThatAlwaysThrows_EndsDead_AfterItsRetries_AndCanBeRetried()
    {
        var probe = Guid.NewGuid();
        await PublishAsync(probe, "fail");

        var (dead, _) = await Eventually.ValueAsync(() => DeadDeliveryAsync(probe), d => d is not null, Patience);
        dead.ShouldNotBeNull("the failing handler's delivery ends dead");
        dead.Value.GetProperty("attempts").GetInt32().ShouldBe(3);
        dead.Value.GetProperty("lastError").GetString()!.ShouldContain("probe handler failed on attempt 3");
        // Its saved effect was rolled back with each attempt; the other handler got the event once.
        (await EffectsAsync(probe)).ShouldBe(new Dictionary<string, int> { [Second] = 1 });

        var retry = new { eventId = dead.Value.GetProperty("eventId").GetGuid(), handler = dead.Value.GetProperty("handler").GetString() };
        (await _onA.PostAsJsonAsync("/api/messaging/deliveries/retry", retry, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var (again, _) = await Eventually.ValueAsync(() => DeadDeliveryAsync(probe), d => d is not null, Patience);
        again.ShouldNotBeNull("a retried delivery that fails again is dead again, after a fresh set of attempts");
        again.Value.GetProperty("attempts").GetInt32().ShouldBe(3);

        var delivered = new { eventId = retry.eventId, handler = retry.handler!.Replace("FirstProbeHandler", "SecondProbeHandler", StringComparison.Ordinal) };
        await (await _onA.PostAsJsonAsync("/api/messaging/deliveries/retry", delivered, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "messaging.delivery.not-dead");
        await (await _onA.PostAsJsonAsync("/api/messaging/deliveries/retry", new { eventId = Guid.NewGuid(), handler = "nobody" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "messaging.delivery.not-found");
    }

    [Fact]
    public async Task AnEventPublishedInACompany_CarriesIt_AndItsHandlersRunInThatCompany()
    {
        var companyB = await _onA.CreateCompanyAsync("Events B");
        var inB = Guid.NewGuid();
        (await _onA.SendInCompanyAsync(HttpMethod.Post, "/api/probe/events", companyB, new { probeId = inB, behaviour = "ok" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Eventually.ValueAsync(() => EffectsAsync(inB), e => e.Count == 2, Patience)).Value.Count.ShouldBe(2);

        (await CountAsync($"SELECT count(*) FROM messaging.outbox_messages WHERE payload->>'probeId' = '{inB}' AND company_id = '{companyB}'")).ShouldBe(1);
        // Delivered on either instance, the handler was told company B and its ICurrentCompany worked in B.
        (await CountAsync($"SELECT count(*) FROM probe.effects WHERE probe_id = '{inB}' AND handler = 'second' AND delivered_in = '{companyB}' AND handler_company = '{companyB}'"))
            .ShouldBe(1);

        // An event the system publishes (no request, no company) is handled as the system, unrestricted.
        var bySystem = Guid.NewGuid();
        await PostgresServer.ExecuteAsync($$"""
            WITH message AS (
                INSERT INTO messaging.outbox_messages (id, event_name, payload, published_at)
                VALUES ('{{Guid.CreateVersion7()}}', 'Erp.EventProbe.ProbeIntegrationEvent', '{"probeId":"{{bySystem}}","behaviour":"ok"}', now()) RETURNING id)
            INSERT INTO messaging.outbox_deliveries (message_id, handler, status, attempts, due_at)
                SELECT id, 'Erp.EventProbe.SecondProbeHandler', 0, 0, now() FROM message;
            """, _database);
        (await Eventually.ValueAsync(() => EffectsAsync(bySystem), e => e.Count == 1, Patience)).Value.Count.ShouldBe(1);
        (await CountAsync($"SELECT count(*) FROM probe.effects WHERE probe_id = '{bySystem}' AND delivered_in IS NULL AND handler_company IS NULL")).ShouldBe(1);
    }

    [Fact]
    public async Task ThePurge_RemovesOldDeliveredEvents_AndKeepsRecentDeadAndPendingOnes()
    {
        var oldDelivered = await InsertEventAsync(daysAgo: 10, status: 1);
        var recentDelivered = await InsertEventAsync(daysAgo: 1, status: 1);
        var oldDead = await InsertEventAsync(daysAgo: 10, status: 2);

        (await _onA.PostAsync("/api/background-jobs/recurring/Messaging.PurgeDelivered/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var (left, _) = await Eventually.ValueAsync(() => CountAsync($"SELECT count(*) FROM messaging.outbox_messages WHERE id = '{oldDelivered}'"),
            n => n == 0, TimeSpan.FromSeconds(20));
        left.ShouldBe(0, "an event every handler received 10 days ago is purged");
        (await CountAsync($"SELECT count(*) FROM messaging.outbox_deliveries WHERE message_id = '{oldDelivered}'")).ShouldBe(0);
        (await CountAsync($"SELECT count(*) FROM messaging.outbox_messages WHERE id IN ('{recentDelivered}', '{oldDead}')")).ShouldBe(2);
    }

    // An event whose one delivery (to a handler no module has: the dispatcher leaves it alone unless pending) has this status.
    private async Task<Guid> InsertEventAsync(int daysAgo, int status)
    {
        var id = Guid.CreateVersion7();
        await PostgresServer.ExecuteAsync($"""
            INSERT INTO messaging.outbox_messages (id, event_name, payload, published_at) VALUES ('{id}', 'Test.Purge', '{"{}"}', now() - interval '{daysAgo} days');
            INSERT INTO messaging.outbox_deliveries (message_id, handler, status, attempts, due_at) VALUES ('{id}', 'Test.Handler', {status}, 1, now());
            """, _database);
        return id;
    }

    private async Task PublishAsync(Guid probeId, string behaviour)
    {
        var response = await _onA.PostAsJsonAsync("/api/probe/events", new { probeId, behaviour }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.DescribeAsync());
    }

    private async Task<Dictionary<string, int>> EffectsAsync(Guid probeId) =>
        (await _onA.GetFromJsonAsync<Dictionary<string, int>>($"/api/probe/effects/{probeId}", Ct))!;

    private async Task<JsonElement?> DeadDeliveryAsync(Guid probeId)
    {
        var effects = await _onA.GetFromJsonAsync<JsonElement>("/api/messaging/deliveries?status=Dead&take=200", Ct);
        foreach (var delivery in effects.GetProperty("items").EnumerateArray())
        {
            if (delivery.GetProperty("handler").GetString()!.EndsWith("FirstProbeHandler", StringComparison.Ordinal)
                && await CountAsync($"SELECT count(*) FROM messaging.outbox_messages WHERE id = '{delivery.GetProperty("eventId").GetGuid()}' AND payload->>'probeId' = '{probeId}'") == 1)
                return delivery;
        }

        return null;
    }

    private Task<long> CountAsync(string sql) => PostgresServer.ScalarAsync<long>(_database, $"SELECT coalesce(({sql}), 0)");
}

/// <summary>A host killed in the middle of a delivery leaves nothing half-done: the next instance delivers it, once.</summary>
public sealed class OutboxCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHostKilledMidDelivery_LeavesTheEffectToTheNextInstance_ExactlyOnce()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using (var migrator = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe]))
            await migrator.MigrateAsync(); // the probe plugin's schema
        // Only ever run as a process: started in this one too, it would take deliveries itself.
        await using var doomed = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe],
            settings: new Dictionary<string, string?> { ["Probe:HoldSeconds"] = "120" });
        using var process = doomed.StartProcess();
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));

        // Published as a module's save would: the event and its deliveries in one transaction (the trigger wakes the process).
        var probeId = Guid.NewGuid();
        var eventId = Guid.CreateVersion7();
        await PostgresServer.ExecuteAsync($$"""
            INSERT INTO messaging.outbox_messages (id, event_name, payload, published_at)
                VALUES ('{{eventId}}', 'Erp.EventProbe.ProbeIntegrationEvent', '{"probeId":"{{probeId}}","behaviour":"ok"}', now());
            INSERT INTO messaging.outbox_deliveries (message_id, handler, status, attempts, due_at) VALUES
                ('{{eventId}}', 'Erp.EventProbe.FirstProbeHandler', 0, 0, now()), ('{{eventId}}', 'Erp.EventProbe.SecondProbeHandler', 0, 0, now());
            """, database);

        // The first handler has saved its effect and holds the delivery open: its row is locked by the process.
        const string First = "handler = 'Erp.EventProbe.FirstProbeHandler' AND status = 0";
        var (held, _) = await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(database,
            $"SELECT (SELECT count(*) FROM messaging.outbox_deliveries WHERE message_id = '{eventId}' AND {First}) - " +
            $"(SELECT count(*) FROM (SELECT 1 FROM messaging.outbox_deliveries WHERE message_id = '{eventId}' AND {First} FOR UPDATE SKIP LOCKED) free)"),
            n => n == 1, TimeSpan.FromSeconds(30));
        held.ShouldBe(1, "the process should be inside the first handler's delivery, holding its row");
        process.Kill();

        // Nothing of the killed delivery was committed; the next instance delivers it.
        await using var next = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe]);
        _ = next.Services;
        var (effects, _) = await Eventually.ValueAsync(() => EffectsAsync(database, probeId), e => e.Count == 2, TimeSpan.FromSeconds(30));
        effects.ShouldBe(new Dictionary<string, long> { ["first"] = 1, ["second"] = 1 }, ignoreOrder: true);
        (await PostgresServer.ScalarAsync<long>(database, $"SELECT count(*) FROM messaging.outbox_deliveries WHERE message_id = '{eventId}' AND status = 1"))
            .ShouldBe(2);
    }

    private static async Task<Dictionary<string, long>> EffectsAsync(string database, Guid probeId)
    {
        var effects = new Dictionary<string, long>();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.For(database));
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand($"SELECT handler, count(*) FROM probe.effects WHERE probe_id = '{probeId}' GROUP BY handler", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) effects[reader.GetString(0)] = reader.GetInt64(1);
        return effects;
    }
}

/// <summary>
/// An instance with Messaging:Concurrency 0 delivers nothing (request-serving instances beside those that do the
/// background work): what it publishes waits for an instance that delivers, which delivers it once to each handler.
/// </summary>
public sealed class OutboxDeliveringInstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInstanceThatDeliversNone_LeavesWhatItPublishesToOneThatDelivers()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var requestsOnly = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe],
            settings: new Dictionary<string, string?> { ["Messaging:Concurrency"] = "0" });
        await requestsOnly.MigrateAsync();
        using var client = await requestsOnly.CreateSignedInClientAsync();
        var probe = Guid.NewGuid();
        var published = await client.PostAsJsonAsync("/api/probe/events", new { probeId = probe, behaviour = "ok" }, Ct);
        published.StatusCode.ShouldBe(HttpStatusCode.NoContent, await published.DescribeAsync());
        Task<Dictionary<string, int>> EffectsAsync() => client.GetFromJsonAsync<Dictionary<string, int>>($"/api/probe/effects/{probe}", Ct)!;

        // Long past the moment a delivering instance's NOTIFY would have woken it.
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        (await EffectsAsync()).ShouldBeEmpty();
        (await PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM messaging.outbox_deliveries WHERE status = 0")).ShouldBe(2, "one pending delivery per handler");
        (await ListenersAsync(database)).ShouldBe(0, "no dispatcher listens for publishes");

        await using var delivering = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe]);
        _ = delivering.Services;
        var (effects, _) = await Eventually.ValueAsync(EffectsAsync, e => e.Count == 2, TimeSpan.FromSeconds(15));
        effects.ShouldBe(new Dictionary<string, int> { ["first"] = 1, ["second"] = 1 }, ignoreOrder: true);
        (await ListenersAsync(database)).ShouldBe(1, "the delivering instance's");
    }

    // A dispatcher's listening connection waits with its LISTEN as its last statement.
    private static Task<long> ListenersAsync(string database) => PostgresServer.ScalarAsync<long>(database,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'");

    [Fact]
    public async Task ANegativeConcurrency_IsRefusedAtStartUp()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            ["Messaging:Concurrency"] = "-1",
        });
        Should.Throw<Exception>(() => host.CreateClient()).GetBaseException().Message.ShouldContain("Messaging:Concurrency is -1");
    }
}
