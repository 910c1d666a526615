using Erp.Kernel.Diagnostics;
using Erp.Kernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Messaging.Application;

/// <summary>
/// The outbox's backlog, measured when metrics are read (a scrape): deliveries waiting, and how long the oldest due one
/// has waited (the lag an alert watches). Each read is one aggregate over the pending deliveries' partial index.
/// </summary>
internal static class OutboxMetrics
{
    private const string Deliveries = $"{OutboxTables.Schema}.{OutboxTables.Deliveries}";

    public static IServiceCollection AddOutboxMetrics(this IServiceCollection services) => services
        .AddDatabaseGauge("Erp.Messaging", "erp.messaging.outbox.pending", "{delivery}", "Deliveries of integration events waiting: due, or waiting for a retry.",
            $"SELECT count(*) FROM {Deliveries} WHERE status = 0")
        .AddDatabaseGauge("Erp.Messaging", "erp.messaging.outbox.lag", "s", "How long the oldest due delivery has waited; 0 when none is due.",
            $"SELECT coalesce(extract(epoch FROM now() - min(due_at)), 0) FROM {Deliveries} WHERE status = 0 AND due_at <= now()");
}
