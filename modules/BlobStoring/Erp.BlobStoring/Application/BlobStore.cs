using System.Buffers;
using System.Security.Cryptography;
using Erp.BlobStoring.Data;
using Erp.BlobStoring.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Erp.BlobStoring.Application;

/// <summary>An upload as it arrives: the name and type the client gave, and the bytes, read once, as they stream in.</summary>
internal sealed record BlobUpload(string? FileName, string? DeclaredType, Stream Content);

/// <summary>
/// Stores and removes blobs so that their bytes and their metadata never disagree. An upload streams through the size
/// limit, the SHA-256, the content inspection and the scanners into a staged object; only a file that passed all of them
/// is moved under its content key, and its row is written in the same transaction that holds the key's lock. Deleting a
/// row publishes <see cref="BlobDeletedIntegrationEvent"/>, whose handler removes the bytes after the commit once no row
/// names them; the same lock keeps an upload of the same content from racing that removal.
/// </summary>
internal sealed class BlobStore(
    BlobStoringDbContext db, BlobContainerCatalog containers, BlobProviders providers, IEnumerable<IBlobScanner> scanners,
    ICurrentCompany company, ILogger<BlobStore> logger)
{
    private const int ChunkSize = 81920;

    public async Task<Blob> UploadAsync(string container, string ownerType, string ownerId, BlobUpload upload, CancellationToken cancellationToken)
    {
        var definition = containers.Get(container);
        var (fileName, nameError) = FileNames.Check(upload.FileName);
        if (nameError is not null) throw new RequestRejectedException(nameError, BlobLimits.MaxFileName);
        var extension = FileNames.ExtensionOf(fileName);
        if (!definition.AllowedTypes.Any(t => t.Extensions.Contains(extension))) throw TypeNotAllowed(definition);
        var declared = DeclaredType(upload.DeclaredType);
        if (declared is not null && !definition.AllowedTypes.Any(t => t.DeclaredAs.Contains(declared)))
            throw new RequestRejectedException(BlobStoringErrors.DeclaredTypeMismatch, declared);
        var companyId = company.Id ?? throw new BusinessRuleException(CompanyErrors.NoCompany);

        var provider = providers.For(container);
        await using var staged = await StorageFailures.CallAsync(() => provider.StageAsync(container, cancellationToken), cancellationToken);
        var (size, sha256, type) = await StreamInAsync(definition, upload.Content, staged, extension, cancellationToken);
        if (!type.Extensions.Contains(extension)) throw new RequestRejectedException(BlobStoringErrors.ExtensionMismatch, type.MediaType, extension);
        if (declared is not null && !type.DeclaredAs.Contains(declared)) throw new RequestRejectedException(BlobStoringErrors.DeclaredTypeMismatch, declared);
        await StorageFailures.CallAsync(() => staged.FinishAsync(cancellationToken), cancellationToken);
        await ScanAsync(staged, fileName, cancellationToken);

        var content = new StoredContent($"{companyId:N}/{StoredContent.KeyOf(sha256)}", type.MediaType, size, sha256);
        var blob = Blob.Stored(container, fileName, content, ownerType, ownerId);
        var moved = false;
        try
        {
            await db.InTransactionAsync(async () =>
            {
                await LockAsync(container, content.StorageKey, cancellationToken);
                await StorageFailures.CallAsync(() => staged.CommitAsync(content.StorageKey, cancellationToken), cancellationToken);
                moved = true;
                db.Blobs.Add(blob);
                await db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
        }
        catch when (moved)
        {
            // The row did not commit: the bytes go too, unless another blob already named them.
            await ReleaseAfterFailureAsync(container, content.StorageKey);
            throw;
        }

        return blob;
    }

    public Task<Stream> OpenAsync(Blob blob, CancellationToken cancellationToken) =>
        StorageFailures.CallAsync(() => providers.For(blob.Container).OpenReadAsync(blob.Container, blob.StorageKey, blob.Size, cancellationToken), cancellationToken);

    public BlobLinkDto? Link(Blob blob) => providers.For(blob.Container).Link(blob.Container, blob.StorageKey, blob.FileName, blob.ContentType);

    /// <summary>Deletes the row; the bytes follow after the commit (<see cref="BlobDeletedIntegrationEvent"/>).</summary>
    public async Task DeleteAsync(Blob blob, CancellationToken cancellationToken)
    {
        db.Blobs.Remove(blob);
        db.Publish(new BlobDeletedIntegrationEvent(blob.Id, blob.Container, blob.StorageKey));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes the bytes under <paramref name="key"/> if no blob names them any more.</summary>
    public Task ReleaseAsync(string container, string key, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            await LockAsync(container, key, cancellationToken);
            if (await db.Blobs.AnyAsync(b => b.Container == container && b.StorageKey == key, cancellationToken)) return;
            await providers.For(container).DeleteAsync(container, key, cancellationToken);
        }, cancellationToken);

    private static async Task<(long Size, string Sha256, BlobFileType Type)> StreamInAsync(
        BlobContainerDefinition definition, Stream content, IStagedUpload staged, string extension, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inspection = new ContentInspection();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long size = 0;
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                size += read;
                // Refused as soon as the limit is passed: the rest of the body is never read.
                if (size > definition.MaxSize) throw new PayloadTooLargeException(BlobStoringErrors.TooLarge, definition.MaxSize);
                hash.AppendData(buffer, 0, read);
                inspection.Append(buffer.AsSpan(0, read));
                await StorageFailures.CallAsync(() => staged.WriteAsync(buffer.AsMemory(0, read), cancellationToken).AsTask(), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (size == 0) throw new RequestRejectedException(BlobStoringErrors.Empty);
        var (type, error) = inspection.Complete(definition.AllowedTypes, extension);
        if (error is not null) throw error == BlobStoringErrors.TypeNotAllowed ? TypeNotAllowed(definition) : new RequestRejectedException(error, inspection.Type!.MediaType);
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()), type!);
    }

    private async Task ScanAsync(IStagedUpload staged, string fileName, CancellationToken cancellationToken)
    {
        foreach (var scanner in scanners)
        {
            string? finding;
            try
            {
                await using var content = await staged.OpenReadAsync(cancellationToken);
                finding = await scanner.ScanAsync(content, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new ServiceUnavailableException(BlobStoringErrors.Unavailable, e);
            }

            if (finding is null) continue;
            logger.LogWarning("Upload {FileName} refused by {Scanner}: {Finding}", fileName, scanner.GetType().Name, finding);
            throw new RequestRejectedException(BlobStoringErrors.Refused, finding);
        }
    }

    // One key at a time: an upload moving bytes in and a release deleting them never interleave.
    private Task LockAsync(string container, string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({container + "/" + key}, 0))", cancellationToken);

    private async Task ReleaseAfterFailureAsync(string container, string key)
    {
        try
        {
            await ReleaseAsync(container, key, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Reported by the orphan job, which finds bytes no row names.
            logger.LogWarning(e, "Bytes {Container}/{Key} of a failed upload could not be removed", container, key);
        }
    }

    private static RequestRejectedException TypeNotAllowed(BlobContainerDefinition definition) =>
        new(BlobStoringErrors.TypeNotAllowed, string.Join(", ", definition.AllowedTypes.SelectMany(t => t.Extensions)));

    // A client that does not know what it sends says so; any other type it declares must be the content's.
    private static string? DeclaredType(string? declared)
    {
        var mediaType = declared?.Split(';')[0].Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(mediaType) || mediaType == "application/octet-stream" ? null : mediaType;
    }
}
