using System.Buffers;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Erp.BlobStoring.Data;

namespace Erp.BlobStoring.Application;

/// <summary>The blob side of a backup (<see cref="IBlobBackup"/>), over whichever provider each container uses.</summary>
internal sealed class BlobBackup(BlobProviders providers) : IBlobBackup
{
    public async IAsyncEnumerable<StoredBlobContent> ListAsync(DbTransaction transaction, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT DISTINCT container, storage_key, sha256, size FROM {BlobStoringDbContext.Schema}.blobs ORDER BY container, storage_key";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new StoredBlobContent(reader.GetString(0), reader.GetString(1), reader.GetString(2).Trim(), reader.GetInt64(3));
    }

    public Task<Stream> OpenReadAsync(StoredBlobContent content, CancellationToken cancellationToken) =>
        providers.For(content.Container).OpenReadAsync(content.Container, content.Key, content.Size, cancellationToken);

    public async Task RestoreAsync(StoredBlobContent content, Stream bytes, CancellationToken cancellationToken)
    {
        var provider = providers.For(content.Container);
        await using var staged = await provider.StageAsync(content.Container, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await bytes.ReadAsync(buffer, cancellationToken)) > 0) await staged.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await staged.FinishAsync(cancellationToken);
        await staged.CommitAsync(content.Key, cancellationToken);
    }
}
