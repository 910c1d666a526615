using System.Threading.Channels;
using Erp.Kernel.Data;
using Erp.Kernel.Hosting;
using Erp.Kernel.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Erp.Messaging.Application;

/// <summary>
/// Delivers committed integration events to their handlers, on every instance at once: each delivery is taken
/// with <c>FOR UPDATE SKIP LOCKED</c>, so one instance runs it while the others pass over it. Woken by the
/// NOTIFY a committed publish sends, and otherwise by the next retry falling due or the poll interval.
/// </summary>
internal sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    DeliveryRunner runner,
    SchemaState schemas,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The tables exist once start-up (and its migrations) is done and the database is migrated.
        try
        {
            await schemas.WhenCurrentAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var listening = ListenAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                wait = await DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never let the loop die: a stopped background service would stop the host.
                if (e is NpgsqlException || DatabaseFailures.IsUnavailable(e)) logger.LogWarning(e, "Outbox dispatch failed; retrying in {Wait}", wait);
                else logger.LogError(e, "Outbox dispatch failed; retrying in {Wait}", wait);
            }

            await WaitForWorkAsync(wait, stoppingToken);
        }

        await listening;
    }

    /// <summary>Delivers what is due; returns how long to sleep before the next delivery falls due.</summary>
    private async Task<TimeSpan> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        List<(Guid MessageId, string Handler)> due = [];
        await using (var command = dataSource.CreateCommand(
            $"SELECT message_id, handler FROM {OutboxTables.Schema}.{OutboxTables.Deliveries} WHERE status = 0 AND due_at <= now() ORDER BY due_at LIMIT $1"))
        {
            command.Parameters.AddWithValue(settings.BatchSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) due.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        var taken = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (delivery, ct) =>
            {
                if (await runner.DeliverAsync(delivery.MessageId, delivery.Handler, ct)) Interlocked.Increment(ref taken);
            });
        // Due but all held by other instances: look again shortly rather than spin on the same rows.
        if (due.Count > 0 && taken == 0) return TimeSpan.FromSeconds(Math.Min(1, settings.PollInterval.TotalSeconds));
        if (due.Count == settings.BatchSize) return TimeSpan.Zero;

        await using var next = dataSource.CreateCommand(
            $"SELECT extract(epoch FROM min(due_at) - now()) FROM {OutboxTables.Schema}.{OutboxTables.Deliveries} WHERE status = 0");
        return await next.ExecuteScalarAsync(cancellationToken) is decimal seconds
            ? TimeSpan.FromSeconds(Math.Clamp((double)seconds, 0, settings.PollInterval.TotalSeconds))
            : settings.PollInterval;
    }

    private async Task WaitForWorkAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await _wake.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the wait ran out: look again
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    /// <summary>Holds a connection that LISTENs for committed publishes; reconnects when it is lost.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => _wake.Writer.TryWrite(true);
                await OutboxSql.ExecuteAsync(connection, null, $"LISTEN {OutboxTables.Channel}", stoppingToken);
                _wake.Writer.TryWrite(true); // catch up on whatever was published while not listening
                try
                {
                    while (true) await connection.WaitAsync(stoppingToken);
                }
                finally
                {
                    // Pooled connections are not reset on return (No Reset On Close): leave none listening.
                    if (connection.State == System.Data.ConnectionState.Open)
                        await OutboxSql.ExecuteAsync(connection, null, "UNLISTEN *", CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox listener lost its connection; reconnecting");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
