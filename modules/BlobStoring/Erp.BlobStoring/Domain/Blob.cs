using Erp.Kernel.Domain;

namespace Erp.BlobStoring.Domain;

/// <summary>
/// A stored file: what the uploader called it, what its content is, and where its bytes are. The bytes are kept under a
/// key made from their SHA-256 (<see cref="StorageKey"/>), so a name never becomes a path and one content is stored once
/// per container, however many blobs name it. Belongs to the company it was uploaded in; attached to one entity.
/// </summary>
public sealed class Blob : AuditedAggregateRoot, ICompanyOwned
{
    private Blob() { }

    public Guid CompanyId { get; private set; }

    public string Container { get; private set; } = null!;

    public string StorageKey { get; private set; } = null!;

    public string FileName { get; private set; } = null!;

    /// <summary>The media type its content was found to be, never the one the client declared.</summary>
    public string ContentType { get; private set; } = null!;

    public long Size { get; private set; }

    /// <summary>Lower-case hex.</summary>
    public string Sha256 { get; private set; } = null!;

    /// <summary>The entity it is attached to (<see cref="AttachableEntityDefinition.EntityType"/>), and its id.</summary>
    public string OwnerType { get; private set; } = null!;

    public string OwnerId { get; private set; } = null!;

    /// <param name="fileName">Already checked by <see cref="FileNames.Check"/>.</param>
    internal static Blob Stored(string container, string fileName, StoredContent content, string ownerType, string ownerId) => new()
    {
        Container = container,
        StorageKey = content.StorageKey,
        FileName = fileName,
        ContentType = content.ContentType,
        Size = content.Size,
        Sha256 = content.Sha256,
        OwnerType = ownerType,
        OwnerId = ownerId,
    };
}

/// <summary>What an upload's bytes turned out to be once they were streamed in and checked.</summary>
internal sealed record StoredContent(string StorageKey, string ContentType, long Size, string Sha256)
{
    /// <summary>Two levels of fan-out keep a file-system folder from holding millions of entries.</summary>
    public static string KeyOf(string sha256) => $"{sha256[..2]}/{sha256[2..4]}/{sha256}";
}

/// <summary>The limits of a blob's columns.</summary>
public static class BlobLimits
{
    public const int MaxFileName = 255;
    public const int MaxOwnerType = 100;
    public const int MaxOwnerId = 100;
    public const int MaxContainer = 64;
}
