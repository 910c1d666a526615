using System.Buffers.Text;
using System.Security.Cryptography;
using Erp.Kernel.Domain;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Erp.LowCode.Application;

/// <summary>
/// Subscriptions of outside systems to records, in the caller's companies, and their deliveries. A subscription's secret
/// is made here, shown once, and kept encrypted with the installation's data protection keys.
/// </summary>
internal sealed class WebhookService(
    LowCodeDbContext db, EntityModels models, WebhookTargets targets, WebhookSubscriptions subscriptions, IDataProtectionProvider dataProtection)
{
    public const string SecretPurpose = "Erp.LowCode.WebhookSecret";

    public async Task<IReadOnlyList<WebhookDto>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<CreatedWebhookDto> CreateAsync(SaveWebhookRequest request, CancellationToken cancellationToken)
    {
        await CheckAsync(request, cancellationToken);
        var secret = "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var webhook = db.Webhooks.Add(Webhook.New(request.Entity, dataProtection.CreateProtector(SecretPurpose).Protect(secret))).Entity;
        webhook.Change(request.Events, request.Url, request.Description, request.Active);
        await db.SaveChangesAsync(cancellationToken); // the caller's current company owns it
        await subscriptions.ChangedAsync(webhook.CompanyId, webhook.Entity);
        return new CreatedWebhookDto(ToDto(webhook), secret);
    }

    public async Task<WebhookDto> UpdateAsync(Guid id, SaveWebhookRequest request, CancellationToken cancellationToken)
    {
        var webhook = await FindAsync(id, cancellationToken);
        if (request.Entity != webhook.Entity) throw new InvalidFieldsException("entity", LowCodeErrors.ValueReadOnly);
        await CheckAsync(request, cancellationToken);
        webhook.Change(request.Events, request.Url, request.Description, request.Active);
        await db.SaveChangesAsync(cancellationToken);
        await subscriptions.ChangedAsync(webhook.CompanyId, webhook.Entity);
        return ToDto(webhook);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var webhook = await FindAsync(id, cancellationToken);
        db.Webhooks.Remove(webhook);
        await db.SaveChangesAsync(cancellationToken); // its deliveries go with it (the foreign key cascades)
        await subscriptions.ChangedAsync(webhook.CompanyId, webhook.Entity);
    }

    /// <summary>The subscription's latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(Guid id, WebhookDeliveryStatus? status, CancellationToken cancellationToken)
    {
        _ = await FindAsync(id, cancellationToken);
        return [.. (await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id && (status == null || d.Status == status))
            .OrderByDescending(d => d.CreatedAt).Take(100).ToListAsync(cancellationToken)).Select(ToDto)];
    }

    /// <summary>Sends a delivery again with a fresh set of attempts: the same body, signed anew.</summary>
    public async Task<WebhookDeliveryDto> RedeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new NotFoundException(LowCodeErrors.WebhookNotFound);
        delivery.Again();
        db.Publish(new WebhookDeliveryRequestedIntegrationEvent(delivery.Id));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(delivery);
    }

    private async Task CheckAsync(SaveWebhookRequest request, CancellationToken cancellationToken)
    {
        if (await models.GetAsync(request.Entity, cancellationToken) is null) throw new InvalidFieldsException("entity", LowCodeErrors.EntityNotFound, request.Entity);
        await targets.CheckAsync(request.Url, cancellationToken);
    }

    private async Task<Webhook> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Webhooks.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new NotFoundException(LowCodeErrors.WebhookNotFound);


    private static WebhookDto ToDto(Webhook w) => new(w.Id, w.Entity, w.Events, w.Url, w.Description, w.Active, w.CreatedAt);

    private static WebhookDeliveryDto ToDto(WebhookDelivery d) =>
        new(d.Id, d.WebhookId, d.Event, d.Entity, d.RecordId, d.CreatedAt, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.DeliveredAt);
}

/// <summary>
/// Which events of an entity a company's active webhooks want: one small shared cache entry per company and entity, read
/// by every write (so a write to an entity nobody subscribed to publishes nothing) and dropped on every instance when a
/// subscription changes.
/// </summary>
internal sealed class WebhookSubscriptions(HybridCache cache)
{
    public async ValueTask<bool> WantedAsync(LowCodeDbContext db, Guid company, string entity, RecordEvent recordEvent, CancellationToken cancellationToken)
    {
        var events = await cache.GetOrCreateAsync(Key(company, entity), (db, company, entity), static async (state, ct) =>
            (await state.db.Webhooks.AsNoTracking().Where(w => w.CompanyId == state.company && w.Entity == state.entity && w.Active).Select(w => w.Events)
                .ToListAsync(ct)).SelectMany(e => e).Distinct().ToArray(), cancellationToken: cancellationToken);
        return events.Contains(recordEvent);
    }

    public Task ChangedAsync(Guid company, string entity) => cache.RemoveAsync(Key(company, entity)).AsTask();

    private static string Key(Guid company, string entity) => $"lowcode:webhooks:{company}:{entity}";
}
