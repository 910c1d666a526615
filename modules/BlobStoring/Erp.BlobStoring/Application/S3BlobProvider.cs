using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Erp.BlobStoring.Application;

/// <summary>
/// Keeps containers in S3 (or any S3-compatible service) under the prefix <c>&lt;container&gt;/</c> of their bucket. Uploads
/// stream in as multipart uploads of <see cref="S3BlobOptions.PartSize"/> (one part in memory at a time) to a staging
/// key, and are copied under their content key on the server once checked. Downloads read ranges as asked.
/// </summary>
internal sealed class S3BlobProvider(IAmazonS3 s3, IOptions<BlobStoringOptions> options) : IBlobProvider
{
    private IAmazonS3 Client => s3;

    private const string Staging = ".staging";

    private S3BlobOptions S3Options => options.Value.S3;

    public string BucketOf(string container) =>
        (options.Value.Containers.TryGetValue(container, out var own) ? own.Bucket : null) ?? S3Options.Bucket
        ?? throw new InvalidOperationException($"No bucket for blob container '{container}': set BlobStoring:S3:Bucket.");

    public Task<IStagedUpload> StageAsync(string container, CancellationToken cancellationToken) =>
        Task.FromResult<IStagedUpload>(new StagedObject(this, container, $"{container}/{Staging}/{Guid.NewGuid():N}"));

    public async Task<bool> ExistsAsync(string container, string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(BucketOf(container), $"{container}/{key}", cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task<Stream> OpenReadAsync(string container, string key, long length, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new S3ReadStream(s3, BucketOf(container), $"{container}/{key}", length));

    public Task DeleteAsync(string container, string key, CancellationToken cancellationToken) =>
        s3.DeleteObjectAsync(BucketOf(container), $"{container}/{key}", cancellationToken);

    public async IAsyncEnumerable<StoredObject> ListAsync(string container, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = BucketOf(container), Prefix = container + "/" };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                var key = item.Key[request.Prefix.Length..];
                yield return new StoredObject(key, item.LastModified ?? DateTime.UtcNow, key.StartsWith(Staging + "/", StringComparison.Ordinal));
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    public BlobLinkDto? Link(string container, string key, string fileName, string contentType)
    {
        var expires = DateTimeOffset.UtcNow.Add(S3Options.LinkLifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = BucketOf(container),
            Key = $"{container}/{key}",
            Verb = HttpVerb.GET,
            Expires = expires.UtcDateTime,
            Protocol = S3Options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        request.ResponseHeaderOverrides.ContentType = contentType;
        request.ResponseHeaderOverrides.ContentDisposition = ContentDisposition.Attachment(fileName);
        return new BlobLinkDto(new Uri(s3.GetPreSignedURL(request)), expires);
    }

    private sealed class StagedObject(S3BlobProvider provider, string container, string key) : IStagedUpload
    {
        private readonly string _bucket = provider.BucketOf(container);
        private readonly List<PartETag> _parts = [];
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(provider.S3Options.PartSize);
        private int _buffered;
        private long _length;
        private string? _uploadId;
        private bool _finished, _committed;

        private IAmazonS3 S3 => provider.Client;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            while (bytes.Length > 0)
            {
                var take = Math.Min(bytes.Length, provider.S3Options.PartSize - _buffered);
                bytes[..take].CopyTo(_buffer.AsMemory(_buffered));
                _buffered += take;
                _length += take;
                bytes = bytes[take..];
                if (_buffered == provider.S3Options.PartSize) await UploadPartAsync(cancellationToken);
            }
        }

        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (_uploadId is null)
            {
                using var body = new MemoryStream(_buffer!, 0, _buffered, writable: false);
                await S3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, AutoCloseStream = false }, cancellationToken);
            }
            else
            {
                if (_buffered > 0) await UploadPartAsync(cancellationToken);
                await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = _uploadId, PartETags = _parts }, cancellationToken);
                _uploadId = null;
            }

            _finished = true;
            ReturnBuffer();
        }

        public Task<Stream> OpenReadAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(new S3ReadStream(S3, _bucket, key, _length));

        public async Task CommitAsync(string contentKey, CancellationToken cancellationToken)
        {
            var target = $"{container}/{contentKey}";
            if (!await provider.ExistsAsync(container, contentKey, cancellationToken))
                await S3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = _bucket, SourceKey = key, DestinationBucket = _bucket, DestinationKey = target }, cancellationToken);
            _committed = true;
            await S3.DeleteObjectAsync(_bucket, key, cancellationToken);
        }

        // Cleaning up must not hide why the upload failed: what cannot be removed now is a staged leftover the orphan job removes.
        public async ValueTask DisposeAsync()
        {
            ReturnBuffer();
            if (_committed) return;
            try
            {
                if (_uploadId is not null) await S3.AbortMultipartUploadAsync(_bucket, key, _uploadId);
                if (_finished) await S3.DeleteObjectAsync(_bucket, key);
            }
            catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or HttpRequestException or IOException)
            {
            }
        }

        private async Task UploadPartAsync(CancellationToken cancellationToken)
        {
            _uploadId ??= (await S3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken)).UploadId;
            using var body = new MemoryStream(_buffer!, 0, _buffered, writable: false);
            var part = _parts.Count + 1;
            var response = await S3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _bucket, Key = key, UploadId = _uploadId, PartNumber = part, InputStream = body, PartSize = _buffered,
            }, cancellationToken);
            _parts.Add(new PartETag(part, response.ETag));
            _buffered = 0;
        }

        private void ReturnBuffer()
        {
            if (_buffer is null) return;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }
}
