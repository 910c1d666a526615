using System.Diagnostics;
using System.Net.Http.Json;
using Erp.Testing;
using Npgsql;

// Figures, not assertions. Events are published through the event probe plugin's endpoint (one event, two handlers
// each writing a row); latency is the database's own clock: the outbox row's publish time to each delivery's
// completion. ERP_TEST_POSTGRES / ERP_TEST_REDIS, else throwaway servers.
Directory.SetCurrentDirectory(AppContext.BaseDirectory); // the test host finds its content root from here
const int Sequential = 500, Burst = 4000, Publishers = 8;
var database = await TestDatabases.CreateMigratedAsync();
await using var host = new ErpHost(database, [TestPlugins.Sample, TestPlugins.EventProbe]);
await host.MigrateAsync();
using var client = await host.CreateSignedInClientAsync();

async Task PublishAsync()
{
    using var response = await client.PostAsJsonAsync("/api/probe/events", new { probeId = Guid.NewGuid(), behaviour = "ok" });
    response.EnsureSuccessStatusCode();
}

async Task<long> PendingAsync() =>
    await PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM messaging.outbox_deliveries WHERE status = 0");

async Task WaitUntilDeliveredAsync()
{
    while (await PendingAsync() > 0) await Task.Delay(10);
}

for (var i = 0; i < 50; i++) await PublishAsync(); // warm-up
await WaitUntilDeliveredAsync();
await PostgresServer.ExecuteAsync("TRUNCATE messaging.outbox_messages CASCADE", database);

// Latency: one event at a time, each delivered before the next is published.
for (var i = 0; i < Sequential; i++)
{
    await PublishAsync();
    await WaitUntilDeliveredAsync();
}

await ReportLatencyAsync($"one at a time ({Sequential} events, {Sequential * 2} deliveries)");
await PostgresServer.ExecuteAsync("TRUNCATE messaging.outbox_messages CASCADE", database);

// Throughput: a burst from several publishers at once, timed until the last delivery is done.
var watch = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async _ =>
{
    for (var i = 0; i < Burst / Publishers; i++) await PublishAsync();
}));
var published = watch.Elapsed;
await WaitUntilDeliveredAsync();
var delivered = watch.Elapsed;
Console.WriteLine($"burst of {Burst} events from {Publishers} publishers: published in {published.TotalSeconds:F1} s ({Burst / published.TotalSeconds:F0} events/s), " +
    $"all {Burst * 2} deliveries done in {delivered.TotalSeconds:F1} s ({Burst * 2 / delivered.TotalSeconds:F0} deliveries/s, {Burst / delivered.TotalSeconds:F0} events/s)");
await ReportLatencyAsync($"under the burst ({Burst} events)");
return 0;

async Task ReportLatencyAsync(string what)
{
    var latencies = new List<double>();
    await using var connection = new NpgsqlConnection(PostgresServer.For(database));
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT extract(epoch FROM d.completed_at - m.published_at) * 1000 FROM messaging.outbox_deliveries d " +
        "JOIN messaging.outbox_messages m ON m.id = d.message_id WHERE d.status = 1 ORDER BY 1", connection);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) latencies.Add((double)reader.GetDecimal(0));
    double At(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
    Console.WriteLine($"delivery latency {what}: p50 {At(0.50):F1} ms, p95 {At(0.95):F1} ms, max {latencies[^1]:F1} ms over {latencies.Count} deliveries");
}
