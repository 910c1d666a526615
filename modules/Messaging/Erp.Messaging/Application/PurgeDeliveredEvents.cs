using Erp.Kernel.Jobs;
using Erp.Kernel.Messaging;
using Erp.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Erp.Messaging.Application;

/// <summary>
/// Nightly: removes events every handler received longer ago than <see cref="MessagingOptions.RetainDelivered"/>, so
/// the outbox does not grow forever. Events with a pending or dead delivery stay, whatever their age.
/// </summary>
internal sealed class PurgeDeliveredEvents(MessagingDbContext db, IOptions<MessagingOptions> options, TimeProvider clock) : IRecurringJob
{
    public const string Id = "Messaging.PurgeDelivered";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.RetainDelivered;
        await db.Messages
            .Where(m => m.PublishedAt < before && !db.Deliveries.Any(d => d.MessageId == m.Id && d.Status != DeliveryStatus.Delivered))
            .ExecuteDeleteAsync(cancellationToken); // deliveries go with their message (cascade)
    }
}
