using Erp.AuditLogging.Data;
using Erp.AuditLogging.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Erp.AuditLogging.Application;

/// <summary>
/// Writes queued request records with binary COPY, as many per statement as gathered within the flush interval (up to
/// the batch size), so the database sees a few statements a second rather than an insert per request. At graceful shutdown it writes what is
/// queued before the host exits.
/// </summary>
internal sealed partial class RequestAuditWriter(
    RequestAuditQueue queue, NpgsqlDataSource dataSource, IOptions<RequestAuditOptions> options, ILogger<RequestAuditWriter> logger) : BackgroundService
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private const string Copy = $"""
        COPY {AuditTables.Schema}.{AuditTables.Requests}
            (id, occurred_at, user_id, actor_name, client_id, company_id, ip, method, route, path, status, duration_ms, exception, trace_id)
        FROM STDIN (FORMAT BINARY)
        """;

    // Not stopped by the host's token: completing the queue ends the loop once everything queued is written.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RequestRecord>(options.Value.BatchSize);
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            // A statement per record would cost the database more than the request did: let a batch gather first
            // (a full one is written at once; at shutdown, no waiting).
            if (queue.Reader.Count < options.Value.BatchSize) await GatherAsync(stoppingToken);
            while (batch.Count < options.Value.BatchSize && queue.Reader.TryRead(out var record)) batch.Add(record);
            await WriteWithRetriesAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task GatherAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.FlushInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // shutting down: write what is queued now
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    private async Task WriteWithRetriesAsync(List<RequestRecord> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await WriteAsync(batch);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                if (attempt == Retries.Length || stoppingToken.IsCancellationRequested)
                {
                    LogDropped(e, batch.Count);
                    queue.CountDropped(batch.Count);
                    return;
                }

                await Task.Delay(Retries[attempt], CancellationToken.None);
            }
        }
    }

    private async Task WriteAsync(List<RequestRecord> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(Copy);
        foreach (var record in batch)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(record.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(record.OccurredAt, NpgsqlDbType.TimestampTz);
            await WriteAsync(copy, record.UserId, NpgsqlDbType.Uuid);
            await WriteAsync(copy, record.ActorName, NpgsqlDbType.Varchar);
            await WriteAsync(copy, record.ClientId, NpgsqlDbType.Varchar);
            await WriteAsync(copy, record.CompanyId, NpgsqlDbType.Uuid);
            await WriteAsync(copy, record.Ip, NpgsqlDbType.Inet);
            await copy.WriteAsync(record.Method, NpgsqlDbType.Varchar);
            await WriteAsync(copy, record.Route, NpgsqlDbType.Varchar);
            await copy.WriteAsync(record.Path, NpgsqlDbType.Varchar);
            await copy.WriteAsync(record.Status, NpgsqlDbType.Integer);
            await copy.WriteAsync(record.DurationMs, NpgsqlDbType.Double);
            await WriteAsync(copy, record.Exception, NpgsqlDbType.Text);
            await WriteAsync(copy, record.TraceId, NpgsqlDbType.Varchar);
        }

        await copy.CompleteAsync();
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);

    [LoggerMessage(LogLevel.Error, "Dropped {Count} request audit records: the database refused them")]
    private partial void LogDropped(Exception exception, int count);
}
