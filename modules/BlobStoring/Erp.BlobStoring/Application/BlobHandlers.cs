using Erp.Kernel.Jobs;
using Erp.Kernel.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Erp.BlobStoring.Application;

/// <summary>Deletes a deleted blob's bytes after its commit, unless another blob of the company names the same content.</summary>
internal sealed class ReleaseDeletedBlobBytes(BlobStore store) : IIntegrationEventHandler<BlobDeletedIntegrationEvent>
{
    public Task HandleAsync(BlobDeletedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        store.ReleaseAsync(integrationEvent.Container, integrationEvent.StorageKey, cancellationToken);
}

/// <summary>
/// Daily: compares every container's objects with the blob rows. Bytes no row names (an upload whose commit failed and
/// whose clean-up failed too) and rows whose bytes are missing are logged as warnings for an operator; uploads staged
/// more than a day ago (a host killed mid-upload) are removed.
/// </summary>
internal sealed class ReportOrphanedBlobs(Data.BlobStoringDbContext db, BlobContainerCatalog containers, BlobProviders providers,
    TimeProvider clock, ILogger<ReportOrphanedBlobs> logger) : IRecurringJob
{
    public const string Id = "BlobStoring.ReportOrphans";

    private static readonly TimeSpan StagedFor = TimeSpan.FromDays(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var container in containers.All) await CheckAsync(container.Name, cancellationToken);
    }

    /// <summary>The orphans of one container, also returned for tests and tools.</summary>
    public async Task<OrphanReport> CheckAsync(string container, CancellationToken cancellationToken)
    {
        var provider = providers.For(container);
        var named = (await db.Blobs.AsNoTracking().Where(b => b.Container == container).Select(b => b.StorageKey).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var unnamed = new List<string>();
        var removedStaged = 0;
        await foreach (var stored in provider.ListAsync(container, cancellationToken))
        {
            if (stored.IsStaged)
            {
                if (clock.GetUtcNow() - stored.LastModified <= StagedFor) continue;
                await provider.DeleteAsync(container, stored.Key, cancellationToken);
                removedStaged++;
            }
            else if (!named.Remove(stored.Key)) unnamed.Add(stored.Key);
        }

        foreach (var key in unnamed) logger.LogWarning("Blob container {Container} holds {Key}, which no blob names", container, key);
        foreach (var key in named) logger.LogWarning("Blob container {Container} lacks {Key}, which a blob names", container, key);
        logger.LogInformation("Blob container {Container}: {Unnamed} unnamed objects, {Missing} missing, {Staged} stale staged uploads removed",
            container, unnamed.Count, named.Count, removedStaged);
        return new OrphanReport(unnamed, [.. named], removedStaged);
    }
}

/// <param name="Unnamed">Keys in storage no blob row names.</param>
/// <param name="Missing">Keys blob rows name that storage lacks.</param>
internal sealed record OrphanReport(IReadOnlyList<string> Unnamed, IReadOnlyList<string> Missing, int StagedRemoved);
