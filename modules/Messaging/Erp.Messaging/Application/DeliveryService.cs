using Erp.Kernel;
using Erp.Kernel.Domain;
using Erp.Kernel.Messaging;
using Erp.Messaging.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Messaging.Application;

/// <summary>The admin use cases over deliveries: list them (dead ones first of interest) and retry a dead one.</summary>
internal sealed class DeliveryService(MessagingDbContext db, TimeProvider clock)
{
    public async Task<Page<DeliveryDto>> ListAsync(DeliveryState? status, int skip, int take, CancellationToken cancellationToken)
    {
        var query = from delivery in db.Deliveries.AsNoTracking()
                    join message in db.Messages.AsNoTracking() on delivery.MessageId equals message.Id
                    select new { delivery, message };
        if (status is { } wanted) query = query.Where(x => x.delivery.Status == (DeliveryStatus)wanted);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(x => x.message.PublishedAt).ThenBy(x => x.delivery.Handler).Skip(skip).Take(take)
            .Select(x => new DeliveryDto(x.delivery.MessageId, x.message.EventName, x.delivery.Handler, (DeliveryState)x.delivery.Status,
                x.delivery.Attempts, x.message.PublishedAt, x.delivery.DueAt, x.delivery.CompletedAt, x.delivery.LastError))
            .ToListAsync(cancellationToken);
        return new Page<DeliveryDto>(page, total, skip, take);
    }

    /// <summary>Makes a dead delivery due now with a fresh set of attempts, and wakes the dispatchers.</summary>
    public async Task RetryAsync(RetryDeliveryRequest request, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.MessageId == request.EventId && d.Handler == request.Handler, cancellationToken)
            ?? throw new NotFoundException(MessagingErrors.DeliveryNotFound, request.EventId, request.Handler);
        new BusinessRule(MessagingErrors.DeliveryNotDead, delivery.Status != DeliveryStatus.Dead, delivery.Status.ToString().ToLowerInvariant()).ThrowIfBroken();
        delivery.Revive(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{OutboxTables.Channel}', '')", cancellationToken);
    }
}
