using Amazon.Runtime;
using Amazon.S3;
using Erp.BlobStoring.Application;
using Erp.BlobStoring.Data;
using Erp.BlobStoring.Http;
using Erp.Kernel;
using Erp.Kernel.Hosting;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Erp.BlobStoring;

/// <summary>
/// Blob storing: named containers modules declare (<see cref="BlobContainerDefinition"/>), kept on the file system or in
/// S3 per configuration, uploads checked by content while they stream, metadata in PostgreSQL, and the attachments API
/// for the entities modules declare attachable (<see cref="AttachableEntityDefinition"/>).
/// </summary>
[DependsOn("Erp.Permissions", "Erp.Messaging", "Erp.BackgroundJobs")]
public sealed class BlobStoringModule : ErpModule
{
    /// <summary>Attachments of business records: up to 25 MB unless configured otherwise.</summary>
    public static BlobContainerDefinition AttachmentsContainer { get; } = new(BlobContainers.Attachments, 25 * 1024 * 1024, BlobFileType.Documents);

    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(BlobStoringJsonContext.Default);
        var options = module.Configuration.GetSection(BlobStoringOptions.Section).Get<BlobStoringOptions>() ?? new BlobStoringOptions();
        module.Services.AddOptions<BlobStoringOptions>().BindConfiguration(BlobStoringOptions.Section);
        module.AddDbContext<BlobStoringDbContext>()
            .AddIntegrationEventHandler<BlobDeletedIntegrationEvent, ReleaseDeletedBlobBytes>()
            .AddRecurringJob<ReportOrphanedBlobs>(ReportOrphanedBlobs.Id, "17 3 * * *");
        module.Services.AddSingleton(AttachmentsContainer)
            .AddSingleton<BlobContainerCatalog>()
            .AddSingleton<BlobProviders>()
            .AddSingleton<FileSystemBlobProvider>()
            .AddScoped<BlobStore>()
            .AddScoped<AttachmentService>().AddScoped<IAttachmentLookup>(services => services.GetRequiredService<AttachmentService>())
            .AddScoped<IAttachmentWriter>(services => services.GetRequiredService<AttachmentService>())
            .AddScoped<IBlobReader, BlobReader>()
            .AddSingleton<IBlobBackup, BlobBackup>()
            .AddScoped<ReportOrphanedBlobs>();
        module.RequireService<IPermissionChecker>(providedBy: "the permissions module");

        if (UsesS3(options)) AddS3(module, options.S3);
        if (!string.IsNullOrEmpty(options.Clamd.Host)) module.Services.AddSingleton<IBlobScanner, ClamdBlobScanner>();

        module.OpenApiTags.Add(new OpenApiTagDefinition("Attachments", "Files attached to business records, checked by their content."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapAttachmentEndpoints();

    private static bool UsesS3(BlobStoringOptions options) =>
        options.Provider == BlobProviderKind.S3 || options.Containers.Values.Any(c => c.Provider == BlobProviderKind.S3);

    private static void AddS3(ModuleServices module, S3BlobOptions s3)
    {
        if (!string.IsNullOrEmpty(s3.AccessKey) && string.IsNullOrEmpty(s3.SecretKey))
            throw new InvalidOperationException($"{S3BlobOptions.SecretKeyKey} must be set with BlobStoring:S3:AccessKey.");
        if (s3.PartSize < 5 * 1024 * 1024) throw new InvalidOperationException("BlobStoring:S3:PartSize must be at least 5 MiB (S3's smallest part).");

        module.Services.AddSingleton<IAmazonS3>(_ =>
        {
            var config = new AmazonS3Config
            {
                ForcePathStyle = s3.ForcePathStyle,
                AuthenticationRegion = s3.Region,
                // A storage outage answers uploads with 503 within seconds, not after minutes of retries.
                MaxErrorRetry = 2,
                Timeout = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrEmpty(s3.ServiceUrl)) config.ServiceURL = s3.ServiceUrl;
            else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
            // Without keys, the SDK's default chain (instance role, environment) signs requests.
            return string.IsNullOrEmpty(s3.AccessKey) ? new AmazonS3Client(config) : new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config);
        });
        module.Services.AddSingleton<S3BlobProvider>();
        module.Services.AddHealthChecks().AddCheck<S3HealthCheck>("s3", failureStatus: HealthStatus.Degraded, tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(3));
    }
}
