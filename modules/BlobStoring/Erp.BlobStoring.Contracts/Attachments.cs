namespace Erp.BlobStoring;

/// <summary>
/// An entity files may be attached to, declared by its module (registered as a singleton): who may see and change its
/// attachments is who may see and change the entity. The attachments API answers 404 for an entity
/// <see cref="ExistsAsync"/> does not find, which runs in the request's scope and so within its company.
/// </summary>
/// <param name="EntityType">The name in the API's path, lower-case with dashes: <c>companies</c>, <c>sales-orders</c>.</param>
/// <param name="ReadPermission">Listing and downloading attachments.</param>
/// <param name="ManagePermission">Attaching and removing files.</param>
/// <param name="ExistsAsync">Whether the entity with this id exists and the caller may see it (services of the request's scope).</param>
/// <param name="Container">The container its files go to; the shared <see cref="BlobContainers.Attachments"/> unless the module declares its own.</param>
public sealed record AttachableEntityDefinition(
    string EntityType,
    string ReadPermission,
    string ManagePermission,
    Func<IServiceProvider, string, CancellationToken, Task<bool>> ExistsAsync,
    string Container = BlobContainers.Attachments);

/// <summary>
/// Entities that exist only at run time (low-code entities) and take attachments: asked for an entity type no module
/// declared in code. Registered as singletons; the first that knows the type answers.
/// </summary>
public interface IRuntimeAttachableEntities
{
    /// <returns>Null when the type is not one of this source's.</returns>
    ValueTask<AttachableEntityDefinition?> FindAsync(string entityType, CancellationToken cancellationToken);
}

/// <summary>Whether a file is attached to an entity, for modules that keep a reference to one attachment (a low-code attachment field).</summary>
public interface IAttachmentLookup
{
    /// <returns>The attachments among <paramref name="ids"/> that are attached to that entity (of the caller's company).</returns>
    Task<IReadOnlySet<Guid>> AttachedAsync(string entityType, string entityId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

/// <summary>A file attached to an entity.</summary>
public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset CreatedAt, Guid? CreatedBy);

/// <summary>A time-limited address the file downloads from directly, without the host in between (S3 containers).</summary>
public sealed record BlobLinkDto(Uri Url, DateTimeOffset ExpiresAt);

public static class BlobStoringErrors
{
    public const string EntityTypeNotFound = "blob-storing.entity-type.not-found";
    public const string AttachmentNotFound = "blob-storing.attachment.not-found";
    public const string TooLarge = "blob-storing.too-large";
    public const string Empty = "blob-storing.empty";
    public const string NoFile = "blob-storing.no-file";
    public const string TypeNotAllowed = "blob-storing.type-not-allowed";
    public const string ExtensionMismatch = "blob-storing.extension-mismatch";
    public const string DeclaredTypeMismatch = "blob-storing.declared-type-mismatch";
    public const string Malformed = "blob-storing.malformed";
    public const string FileNameInvalid = "blob-storing.file-name-invalid";
    public const string FileNameTooLong = "blob-storing.file-name-too-long";
    public const string Refused = "blob-storing.refused-by-scanner";
    public const string Unavailable = "blob-storing.unavailable";
    public const string LinksUnsupported = "blob-storing.links-unsupported";
}

/// <summary>A blob's metadata was deleted; its bytes go once no other blob of the company names the same content.</summary>
public sealed record BlobDeletedIntegrationEvent(Guid BlobId, string Container, string StorageKey) : Erp.Kernel.IIntegrationEvent;

/// <summary>Reads a stored blob's bytes from another module (a mail's attachment), within the caller's company.</summary>
public interface IBlobReader
{
    /// <returns>Null when there is no such blob (or it belongs to another company).</returns>
    Task<BlobContent?> OpenAsync(Guid blobId, CancellationToken cancellationToken);
}

/// <summary>An open blob: dispose it to close the stream.</summary>
public sealed record BlobContent(string FileName, string ContentType, long Size, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Attaches a file a module produced itself (a document it printed and mailed) to one of its entities, checked by its
/// content as an upload is. Joins the caller's unit of work; the caller has checked its own permission on the entity.
/// </summary>
public interface IAttachmentWriter
{
    /// <param name="entityType">A type some module declared (<see cref="AttachableEntityDefinition"/>).</param>
    Task<AttachmentDto> StoreAsync(string entityType, string entityId, string fileName, Stream content, CancellationToken cancellationToken);
}

/// <summary>
/// What a backup copies of blob storage and puts back on restore: the stored contents that the blob rows of a database
/// snapshot name (each once, however many blobs share it). Provider-neutral: the same for the file system and S3.
/// </summary>
public interface IBlobBackup
{
    /// <summary>The contents the blob rows name, read in <paramref name="transaction"/> (the backup's snapshot, seeing every company).</summary>
    IAsyncEnumerable<StoredBlobContent> ListAsync(System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(StoredBlobContent content, CancellationToken cancellationToken);

    /// <summary>Puts <paramref name="bytes"/> back under the content's key; a key that already holds them keeps them.</summary>
    Task RestoreAsync(StoredBlobContent content, Stream bytes, CancellationToken cancellationToken);
}

/// <param name="Sha256">Lower-case hex, as the blob rows hold it: a copy is checked against it.</param>
public sealed record StoredBlobContent(string Container, string Key, string Sha256, long Size);
