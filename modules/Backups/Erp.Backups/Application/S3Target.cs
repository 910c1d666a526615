using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Erp.Backups.Domain;
using Microsoft.Extensions.Options;

namespace Erp.Backups.Application;

/// <summary>
/// Backups in an S3 bucket (<c>Backups:S3:*</c>) under <c>&lt;prefix&gt;/&lt;id&gt;/</c>: written locally first (under
/// <c>Backups:Path</c>, else the temporary folder), then uploaded with the manifest last, so a backup with a manifest is
/// complete. A check or restore downloads the backup next to where it was written and removes the copy afterwards.
/// </summary>
internal sealed class S3Target(IOptions<BackupsOptions> options, TimeProvider clock) : IBackupTarget, IDisposable
{
    private readonly Lazy<IAmazonS3> _s3 = new(() => Client(options.Value.S3));

    private BackupS3Options S3 => options.Value.S3;

    private string Staging => Path.GetFullPath(options.Value.Path ?? Path.Combine(Path.GetTempPath(), "erp-backups"));

    private string KeyOf(string id, string file = "") => $"{S3.Prefix.TrimEnd('/')}/{id}/{file}";

    public async Task<IReadOnlyList<(BackupManifest Manifest, BackupCheck? Check)>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var request = new ListObjectsV2Request { BucketName = S3.Bucket, Prefix = S3.Prefix.TrimEnd('/') + "/", Delimiter = "/" };
        ListObjectsV2Response page;
        do
        {
            page = await _s3.Value.ListObjectsV2Async(request, cancellationToken);
            ids.AddRange((page.CommonPrefixes ?? []).Select(p => p.TrimEnd('/')[(p.TrimEnd('/').LastIndexOf('/') + 1)..]).Where(BackupLayout.IsId));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        var backups = new List<(BackupManifest, BackupCheck?)>();
        foreach (var id in ids.OrderDescending())
        {
            if (await ReadAsync<BackupManifest>(KeyOf(id, BackupLayout.ManifestFile), cancellationToken) is { } manifest)
                backups.Add((manifest, await ReadAsync<BackupCheck>(KeyOf(id, BackupLayout.CheckFile), cancellationToken)));
        }

        return backups;
    }

    public string Begin(string id)
    {
        BackupLayout.CreateOwnerOnly(Staging);
        BackupLayout.RemoveStalePartials(Staging, clock.GetUtcNow());
        return BackupLayout.CreateOwnerOnly(Path.Combine(Staging, id + BackupLayout.Partial)).FullName;
    }

    public async Task CompleteAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(Staging, manifest.Id + BackupLayout.Partial);
        using var transfer = new TransferUtility(_s3.Value);
        await transfer.UploadDirectoryAsync(new TransferUtilityUploadDirectoryRequest
        {
            BucketName = S3.Bucket, Directory = partial, KeyPrefix = KeyOf(manifest.Id).TrimEnd('/'), SearchOption = SearchOption.AllDirectories,
        }, cancellationToken);
        await WriteAsync(KeyOf(manifest.Id, BackupLayout.ManifestFile), manifest, cancellationToken); // last: now it is complete
        Directory.Delete(partial, recursive: true);
    }

    public void Abandon(string id)
    {
        var partial = Path.Combine(Staging, id + BackupLayout.Partial);
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (!BackupLayout.IsId(id)) return;
        // The manifest first: a backup half removed is no longer listed as complete.
        await _s3.Value.DeleteObjectAsync(S3.Bucket, KeyOf(id, BackupLayout.ManifestFile), cancellationToken);
        var request = new ListObjectsV2Request { BucketName = S3.Bucket, Prefix = KeyOf(id) };
        ListObjectsV2Response page;
        do
        {
            page = await _s3.Value.ListObjectsV2Async(request, cancellationToken);
            if (page.S3Objects is { Count: > 0 } objects)
                await _s3.Value.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = S3.Bucket, Objects = [.. objects.Select(o => new KeyVersion { Key = o.Key })] }, cancellationToken);
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }

    public async Task<LocalBackup?> FetchAsync(string id, CancellationToken cancellationToken)
    {
        if (!BackupLayout.IsId(id) || await ReadAsync<BackupManifest>(KeyOf(id, BackupLayout.ManifestFile), cancellationToken) is not { } manifest) return null;
        var copy = Path.Combine(Staging, id + ".fetched-" + Guid.NewGuid().ToString("N")[..8]);
        BackupLayout.CreateOwnerOnly(copy);
        using var transfer = new TransferUtility(_s3.Value);
        await transfer.DownloadDirectoryAsync(new TransferUtilityDownloadDirectoryRequest { BucketName = S3.Bucket, S3Directory = KeyOf(id).TrimEnd('/'), LocalDirectory = copy },
            cancellationToken);
        return new LocalBackup(copy, manifest, isCopy: true);
    }

    public Task WriteCheckAsync(string id, BackupCheck check, CancellationToken cancellationToken) =>
        WriteAsync(KeyOf(id, BackupLayout.CheckFile), check, cancellationToken);

    public void Dispose()
    {
        if (_s3.IsValueCreated) _s3.Value.Dispose();
    }

    private async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _s3.Value.GetObjectAsync(S3.Bucket, key, cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(response.ResponseStream, BackupLayout.Json, cancellationToken);
        }
        catch (AmazonS3Exception missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }
    }

    private Task WriteAsync<T>(string key, T value, CancellationToken cancellationToken) =>
        _s3.Value.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3.Bucket, Key = key, ContentType = "application/json",
            InputStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, BackupLayout.Json)),
        }, cancellationToken);

    // Without keys, the SDK's default chain (instance role, environment) signs requests.
    private static AmazonS3Client Client(BackupS3Options s3)
    {
        var config = new AmazonS3Config { ForcePathStyle = s3.ForcePathStyle, AuthenticationRegion = s3.Region };
        if (!string.IsNullOrEmpty(s3.ServiceUrl)) config.ServiceURL = s3.ServiceUrl;
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
        return string.IsNullOrEmpty(s3.AccessKey) ? new AmazonS3Client(config) : new AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
    }
}
