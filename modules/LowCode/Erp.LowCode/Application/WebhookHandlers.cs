using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Messaging;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Erp.LowCode.Application;

// A record change reaches webhooks in two steps, each an integration event delivered with the outbox's retries: the
// change becomes one delivery per subscription that wants it (in the delivery's transaction: exactly once), and each
// delivery is posted on its own, so one slow or failing receiver never holds up or repeats another's.

/// <summary>
/// Makes a delivery, with the body every attempt will send, for each subscription of the record's company that wants the
/// change: never another company's, whichever company the change was made from.
/// </summary>
internal sealed class QueueWebhookDeliveries(LowCodeDbContext db, TimeProvider clock) : IIntegrationEventHandler<RecordChangedIntegrationEvent>
{
    public async Task HandleAsync(RecordChangedIntegrationEvent change, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var webhooks = await db.Webhooks.Where(w => w.CompanyId == change.CompanyId && w.Entity == change.Entity && w.Active).ToListAsync(cancellationToken);
        foreach (var webhook in webhooks.Where(w => w.Wants(change.Event)))
        {
            string Payload(Guid id) => JsonSerializer.Serialize(new
            {
                id, @event = $"{change.Entity}.{change.Event.ToString().ToLowerInvariant()}", entity = change.Entity, occurredAt = change.At, automation = change.Automation,
                record = change.Record,
            }, JsonSerializerOptions.Web);
            var delivery = db.WebhookDeliveries.Add(WebhookDelivery.For(webhook, change.Event, change.RecordId, Payload, clock.GetUtcNow())).Entity;
            db.Publish(new WebhookDeliveryRequestedIntegrationEvent(delivery.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Posts a delivery's body to its subscription, signed: <c>Erp-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "t.body" with the secret&gt;</c>, so a receiver checks both the sender and the time (and refuses old ones: replays). A
/// 2xx answer delivers it; any other answer or no answer is recorded and retried with the outbox's back-off, then left failed.
/// </summary>
internal sealed class SendWebhook(
    LowCodeDbContext db, IHttpClientFactory clients, IDataProtectionProvider dataProtection, NpgsqlDataSource data, TimeProvider clock)
    : IIntegrationEventHandler<WebhookDeliveryRequestedIntegrationEvent>
{
    public const string Client = "Erp.LowCode.Webhooks";

    public async Task HandleAsync(WebhookDeliveryRequestedIntegrationEvent request, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == request.DeliveryId, cancellationToken);
        if (delivery is not { Status: not WebhookDeliveryStatus.Delivered }) return; // delivered already, or its subscription deleted since
        var webhook = await db.Webhooks.AsNoTracking().FirstAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        var secret = dataProtection.CreateProtector(WebhookService.SecretPurpose).Unprotect(webhook.ProtectedSecret);

        int? status = null;
        string error;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
            message.Headers.Add("Erp-Signature", Signature(secret, clock.GetUtcNow(), delivery.Payload));
            message.Headers.Add("Erp-Delivery", delivery.Id.ToString());
            message.Headers.Add("Erp-Event", $"{delivery.Entity}.{delivery.Event.ToString().ToLowerInvariant()}");
            using var response = await clients.CreateClient(Client).SendAsync(message, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                delivery.Delivered(status.Value, clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                return;
            }

            error = $"answered {status}";
        }
        catch (Exception failed) when (failed is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = failed.Message;
        }

        await RecordFailureAsync(delivery, status, error, context.IsLastAttempt, cancellationToken);
        throw new WebhookDeliveryFailedException($"Webhook delivery {delivery.Id} to {webhook.Url} failed: {error}");
    }

    /// <summary>The signature header of <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Signature(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    // On a connection of its own, committed at once: the outbox rolls the handler's transaction back to retry it, and the
    // attempt must stay in the log.
    private Task RecordFailureAsync(WebhookDelivery delivery, int? status, string error, bool last, CancellationToken cancellationToken) =>
        CommittedApart.ExecuteAsync(data, null,
            "UPDATE lowcode.webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3, status = $4 WHERE id = $1", cancellationToken,
            delivery.Id, new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
            error.Length > 1000 ? error[..1000] : error, (last ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending).ToString());
}

/// <summary>A receiver did not take a delivery: thrown so the outbox retries it.</summary>
internal sealed class WebhookDeliveryFailedException(string message) : Exception(message);
