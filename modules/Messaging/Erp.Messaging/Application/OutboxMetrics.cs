using System.Diagnostics.Metrics;
using Erp.Kernel.Messaging;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Erp.Messaging.Application;

/// <summary>
/// The outbox's backlog, measured when metrics are read (a scrape): deliveries waiting, and how long the oldest due one
/// has waited (the lag an alert watches). Each read is one aggregate over the pending deliveries' partial index.
/// </summary>
internal sealed class OutboxMetrics(IMeterFactory meters, NpgsqlDataSource dataSource) : IHostedService
{
    private const string Deliveries = $"{OutboxTables.Schema}.{OutboxTables.Deliveries}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create("Erp.Messaging");
        meter.CreateObservableGauge("erp.messaging.outbox.pending", Pending, "{delivery}", "Deliveries of integration events waiting: due, or waiting for a retry.");
        meter.CreateObservableGauge("erp.messaging.outbox.lag", Lag, "s", "How long the oldest due delivery has waited; 0 when none is due.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Pending() =>
        Read($"SELECT count(*) FROM {Deliveries} WHERE status = 0", value => new Measurement<long>((long)value));

    private IEnumerable<Measurement<double>> Lag() =>
        Read($"SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0) FROM {Deliveries} WHERE status = 0 AND due_at <= now()",
            value => new Measurement<double>(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));

    // PostgreSQL out of reach: no value this time (the series goes stale and the readiness alert speaks), rather than a
    // scrape that fails as a whole.
    private IEnumerable<Measurement<T>> Read<T>(string sql, Func<object, Measurement<T>> measurement) where T : struct
    {
        try
        {
            using var command = dataSource.CreateCommand(sql);
            command.CommandTimeout = 5;
            return [measurement(command.ExecuteScalar()!)];
        }
        catch (NpgsqlException)
        {
            return [];
        }
    }
}
