using Erp.BlobStoring.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.BlobStoring.Application;

internal sealed class BlobReader(BlobStoringDbContext db, BlobStore store) : IBlobReader
{
    public async Task<BlobContent?> OpenAsync(Guid blobId, CancellationToken cancellationToken)
    {
        var blob = await db.Blobs.AsNoTracking().FirstOrDefaultAsync(b => b.Id == blobId, cancellationToken);
        return blob is null ? null : new BlobContent(blob.FileName, blob.ContentType, blob.Size, await store.OpenAsync(blob, cancellationToken));
    }
}
