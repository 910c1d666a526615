using System.Globalization;
using Erp.Kernel.Data;
using Erp.Kernel.Diagnostics;
using Erp.Kernel.Messaging;
using Erp.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Erp.Messaging.Application;

/// <summary>
/// Runs one delivery in one transaction: lock the delivery row (skipping it if another instance holds it), run
/// the handler with every module context of its scope joined to that transaction, mark it delivered, commit.
/// A handler that throws is rolled back to a savepoint, and the failure is recorded in the same transaction:
/// retried after a back-off, or dead after the last attempt. A process killed mid-delivery leaves nothing:
/// PostgreSQL rolls the transaction back, and the row is free for the next instance.
/// </summary>
internal sealed class DeliveryRunner(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IntegrationEventRegistry registry, IOptions<MessagingOptions> options, ILogger<DeliveryRunner> logger)
{
    private const string Deliveries = $"{OutboxTables.Schema}.{OutboxTables.Deliveries}";
    private const string Messages = $"{OutboxTables.Schema}.{OutboxTables.Messages}";

    /// <summary>Runs the delivery; false when another instance holds it (or it was done meanwhile).</summary>
    public async Task<bool> DeliverAsync(Guid messageId, string handler, CancellationToken cancellationToken)
    {
        // A span per delivery (a root of its own: the publisher's request is long gone), named by the handler.
        using var activity = ErpTelemetry.Source.StartActivity($"deliver {handler}", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("erp.message.id", messageId);
        await using var scope = scopes.CreateAsyncScope();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using var take = new NpgsqlCommand(
            $"""
             SELECT d.attempts, m.event_name, m.payload, m.published_at, m.company_id, m.language FROM {Deliveries} d JOIN {Messages} m ON m.id = d.message_id
             WHERE d.message_id = $1 AND d.handler = $2 AND d.status = 0 FOR UPDATE OF d SKIP LOCKED
             """, connection, transaction);
        take.Parameters.AddWithValue(messageId);
        take.Parameters.AddWithValue(handler);
        int attempts;
        string eventName, payload;
        DateTimeOffset publishedAt;
        Guid? company;
        string? language;
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return false; // delivered meanwhile, or another instance has it
            (attempts, eventName, payload, publishedAt) = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3));
            company = reader.IsDBNull(4) ? null : reader.GetGuid(4);
            language = reader.IsDBNull(5) ? null : reader.GetString(5);
        }

        // The publisher's language, for this delivery only (an async method's culture does not leak to its caller).
        if (language is not null) CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

        if (company is { } publishedIn) scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(publishedIn);

        scope.ServiceProvider.GetRequiredService<UnitOfWork>().Use(connection, transaction);
        await transaction.SaveAsync("handler", cancellationToken);
        var attempt = attempts + 1;
        try
        {
            await registry.InvokeAsync(scope.ServiceProvider, eventName, handler, payload, new IntegrationEventContext(messageId, publishedAt, attempt, company, attempt >= options.Value.MaxAttempts), cancellationToken);
            await OutboxSql.ExecuteAsync(connection, transaction, $"UPDATE {Deliveries} SET status = 1, attempts = $3, completed_at = now(), last_error = NULL WHERE message_id = $1 AND handler = $2",
                cancellationToken, messageId, handler, attempt);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync("handler", cancellationToken);
            var dead = attempt >= options.Value.MaxAttempts;
            var error = $"{e.GetType().Name}: {e.Message}";
            await OutboxSql.ExecuteAsync(connection, transaction,
                $"UPDATE {Deliveries} SET status = $3, attempts = $4, last_error = $5, due_at = now() + $6 WHERE message_id = $1 AND handler = $2",
                cancellationToken, messageId, handler, dead ? (int)DeliveryStatus.Dead : (int)DeliveryStatus.Pending, attempt,
                error.Length > 4000 ? error[..4000] : error, options.Value.BackoffAfter(attempt));
            if (dead) logger.LogError(e, "Delivery of {Event} {EventId} to {Handler} is dead after {Attempts} attempts", eventName, messageId, handler, attempt);
            else logger.LogWarning(e, "Delivery of {Event} {EventId} to {Handler} failed (attempt {Attempt}); retrying", eventName, messageId, handler, attempt);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
