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

    private long Pending()
    {
        using var command = dataSource.CreateCommand($"SELECT count(*) FROM {Deliveries} WHERE status = 0");
        return (long)command.ExecuteScalar()!;
    }

    private double Lag()
    {
        using var command = dataSource.CreateCommand($"SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0) FROM {Deliveries} WHERE status = 0 AND due_at <= now()");
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
