using Erp.Kernel.Domain;
using Microsoft.Extensions.Options;

namespace Erp.BlobStoring.Application;

/// <summary>The containers modules and plugins declared, with the limits configuration gives them.</summary>
internal sealed class BlobContainerCatalog
{
    private readonly Dictionary<string, BlobContainerDefinition> _containers;

    public BlobContainerCatalog(IEnumerable<BlobContainerDefinition> definitions, IOptions<BlobStoringOptions> options)
    {
        _containers = new Dictionary<string, BlobContainerDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(definition.Name, "^[a-z0-9][a-z0-9-]{0,62}$"))
                throw new InvalidOperationException($"Blob container name '{definition.Name}' is not lower-case letters, digits and dashes.");
            if (!_containers.TryAdd(definition.Name, Configured(definition, options.Value)))
                throw new InvalidOperationException($"Blob container '{definition.Name}' is declared twice.");
        }
    }

    public IEnumerable<BlobContainerDefinition> All => _containers.Values;

    public BlobContainerDefinition Get(string name) =>
        _containers.GetValueOrDefault(name) ?? throw new InvalidOperationException($"No blob container '{name}' is declared.");

    private static BlobContainerDefinition Configured(BlobContainerDefinition definition, BlobStoringOptions options) =>
        options.Containers.TryGetValue(definition.Name, out var configured) && configured.MaxSize is { } maxSize
            ? definition with { MaxSize = maxSize }
            : definition;
}

/// <summary>The provider each container's configuration names.</summary>
internal sealed class BlobProviders(IServiceProvider services, IOptions<BlobStoringOptions> options)
{
    public IBlobProvider For(string container) => options.Value.ProviderOf(container) switch
    {
        BlobProviderKind.S3 => (IBlobProvider)services.GetService(typeof(S3BlobProvider))!,
        _ => (IBlobProvider)services.GetService(typeof(FileSystemBlobProvider))!,
    };
}

/// <summary>Failures of the storage service itself (unreachable, refusing, timing out) become 503 problems.</summary>
internal static class StorageFailures
{
    public static bool IsStorageFailure(Exception e, CancellationToken requestAborted) => e switch
    {
        Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or System.Net.Sockets.SocketException => true,
        OperationCanceledException => !requestAborted.IsCancellationRequested, // the SDK's own timeout
        IOException => true, // the disk: full, gone, or unwritable
        _ => false,
    };

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsStorageFailure(e, cancellationToken))
        {
            throw new ServiceUnavailableException(BlobStoringErrors.Unavailable, e);
        }
    }

    public static Task CallAsync(Func<Task> call, CancellationToken cancellationToken) =>
        CallAsync(async () => { await call(); return true; }, cancellationToken);
}
