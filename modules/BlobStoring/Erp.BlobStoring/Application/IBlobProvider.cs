namespace Erp.BlobStoring.Application;

/// <summary>
/// Where a container's bytes are kept. Keys are made by the blob store from content hashes; a provider never sees a
/// file name. Uploads are written aside first (<see cref="StageAsync"/>) and only moved under their key once checked.
/// </summary>
internal interface IBlobProvider
{
    Task<IStagedUpload> StageAsync(string container, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string container, string key, CancellationToken cancellationToken);

    /// <summary>A seekable stream (HTTP range requests seek it once) over <paramref name="length"/> bytes.</summary>
    Task<Stream> OpenReadAsync(string container, string key, long length, CancellationToken cancellationToken);

    Task DeleteAsync(string container, string key, CancellationToken cancellationToken);

    /// <summary>Every object of the container, staged uploads included.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string container, CancellationToken cancellationToken);

    /// <summary>A link the file downloads from without the host, or null when the provider has none.</summary>
    BlobLinkDto? Link(string container, string key, string fileName, string contentType);
}

/// <summary>An upload being written aside: disposed without <see cref="CommitAsync"/>, it leaves nothing behind.</summary>
internal interface IStagedUpload : IAsyncDisposable
{
    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>After the last write: the upload is complete and readable (<see cref="OpenReadAsync"/>).</summary>
    Task FinishAsync(CancellationToken cancellationToken);

    /// <summary>The finished upload, for scanners.</summary>
    Task<Stream> OpenReadAsync(CancellationToken cancellationToken);

    /// <summary>Moves it under <paramref name="key"/>; when that key already holds the same content, keeps that one.</summary>
    Task CommitAsync(string key, CancellationToken cancellationToken);
}

/// <param name="IsStaged">An upload written aside and never committed (or not yet).</param>
internal sealed record StoredObject(string Key, DateTimeOffset LastModified, bool IsStaged);
