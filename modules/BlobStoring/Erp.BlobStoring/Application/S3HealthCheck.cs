using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Erp.BlobStoring.Application;

/// <summary>Readiness: every bucket a container keeps its files in answers a listing.</summary>
internal sealed class S3HealthCheck(IAmazonS3 s3, BlobContainerCatalog containers, Microsoft.Extensions.Options.IOptions<BlobStoringOptions> options, S3BlobProvider provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var buckets = containers.All.Where(c => options.Value.ProviderOf(c.Name) == BlobProviderKind.S3).Select(c => provider.BucketOf(c.Name)).Distinct();
        try
        {
            foreach (var bucket in buckets)
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (StorageFailures.IsStorageFailure(e, cancellationToken))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "S3 does not answer.", e);
        }
    }
}
