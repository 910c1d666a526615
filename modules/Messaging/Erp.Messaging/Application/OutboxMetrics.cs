using Erp.Kernel.Diagnostics;
using Erp.Kernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Messaging.Application;

/// <summary>
/// The outbox's backlog, measured when metrics are read (a scrape): deliveries waiting, and how long the oldest due one
/// has waited (the lag an alert watches), and dead ones (every attempt failed: an administrator's to look at).
/// </summary>
internal static class OutboxMetrics
{
    private const string Deliveries = $"{OutboxTables.Schema}.{OutboxTables.Deliveries}";

    public static IServiceCollection AddOutboxMetrics(this IServiceCollection services) => services
        .AddDatabaseGauge("Erp.Messaging", "erp.messaging.outbox.pending", "{delivery}", "Deliveries of integration events waiting: due, or waiting for a retry.",
            $"SELECT count(*) FROM {Deliveries} WHERE status = {(int)DeliveryStatus.Pending}")
        .AddDatabaseGauge("Erp.Messaging", "erp.messaging.outbox.lag", "s", "How long the oldest due delivery has waited; 0 when none is due.",
            $"SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0) FROM {Deliveries} WHERE status = {(int)DeliveryStatus.Pending} AND due_at <= now()")
        .AddDatabaseGauge("Erp.Messaging", "erp.messaging.outbox.dead", "{delivery}", "Deliveries dead after their last attempt, waiting for an administrator's retry.",
            $"SELECT count(*) FROM {Deliveries} WHERE status = {(int)DeliveryStatus.Dead}");
}
