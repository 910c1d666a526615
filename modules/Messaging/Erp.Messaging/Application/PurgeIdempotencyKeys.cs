using Erp.Kernel.Jobs;
using Erp.Messaging.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Erp.Messaging.Application;

/// <summary>
/// Hourly: removes idempotency keys older than <see cref="MessagingOptions.IdempotencyKeyLifetime"/>, with the responses
/// kept for them. (An expired key is already free to use again before this runs: the claim takes it over.)
/// </summary>
internal sealed class PurgeIdempotencyKeys(MessagingDbContext db, IOptions<MessagingOptions> options, TimeProvider clock) : IRecurringJob
{
    public const string Id = "Messaging.PurgeIdempotencyKeys";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.IdempotencyKeyLifetime;
        await db.IdempotentRequests.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
