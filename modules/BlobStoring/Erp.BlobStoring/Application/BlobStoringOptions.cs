namespace Erp.BlobStoring.Application;

/// <summary>
/// <c>BlobStoring:*</c>: where each container's bytes live. Every container uses <see cref="Provider"/> unless
/// <c>BlobStoring:Containers:&lt;name&gt;:Provider</c> says otherwise; the file system is the local default.
/// </summary>
public sealed class BlobStoringOptions
{
    public const string Section = "BlobStoring";

    public BlobProviderKind Provider { get; set; } = BlobProviderKind.FileSystem;

    public FileSystemBlobOptions FileSystem { get; set; } = new();

    public S3BlobOptions S3 { get; set; } = new();

    public Dictionary<string, BlobContainerOptions> Containers { get; set; } = [];

    public ClamdOptions Clamd { get; set; } = new();

    public BlobProviderKind ProviderOf(string container) =>
        Containers.TryGetValue(container, out var options) && options.Provider is { } provider ? provider : Provider;
}

public enum BlobProviderKind
{
    FileSystem,
    S3,
}

/// <summary><c>BlobStoring:Containers:&lt;name&gt;:*</c>.</summary>
public sealed class BlobContainerOptions
{
    public BlobProviderKind? Provider { get; set; }

    /// <summary>Replaces the owner's limit, in bytes.</summary>
    public long? MaxSize { get; set; }

    /// <summary>S3: the container's own bucket instead of <see cref="S3BlobOptions.Bucket"/>.</summary>
    public string? Bucket { get; set; }
}

/// <summary><c>BlobStoring:FileSystem:*</c>.</summary>
public sealed class FileSystemBlobOptions
{
    /// <summary>Relative paths are under the content root. Several instances need one shared folder (or S3).</summary>
    public string Path { get; set; } = System.IO.Path.Combine(".data", "blobs");
}

/// <summary><c>BlobStoring:S3:*</c>: any S3-compatible service.</summary>
public sealed class S3BlobOptions
{
    public const string SecretKeyKey = "BlobStoring:S3:SecretKey";

    /// <summary>The endpoint of an S3-compatible service; empty for AWS itself (then <see cref="Region"/> picks the endpoint).</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Bucket in the path (<c>host/bucket/key</c>), which most S3-compatible services need.</summary>
    public bool ForcePathStyle { get; set; }

    public string? Bucket { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>How long a download link stays valid.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Uploads stream to S3 in parts of this size (at least 5 MiB): what one upload holds in memory.</summary>
    public int PartSize { get; set; } = 8 * 1024 * 1024;
}

/// <summary><c>BlobStoring:Clamd:*</c>: ClamAV's daemon, which scans every upload when <see cref="Host"/> is set.</summary>
public sealed class ClamdOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 3310;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
