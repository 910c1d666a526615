using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Erp.Testing;

/// <summary>
/// The S3-compatible server tests store blobs in: the one <c>ERP_TEST_S3</c> names (its endpoint URL), else a moto server
/// this process starts (<see cref="S3Process"/>) and stops when it exits. Each test takes a bucket of its own.
/// </summary>
public static class S3Server
{
    private static readonly Lazy<Uri> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Uri Endpoint => Server.Value;

    /// <summary>A client of <paramref name="endpoint"/> (the shared server by default), as the host is configured.</summary>
    public static AmazonS3Client Client(Uri? endpoint = null) =>
        new(new BasicAWSCredentials("erp-test", "erp-test-secret"), new AmazonS3Config { ServiceURL = (endpoint ?? Endpoint).ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>Creates a bucket (a new name unless given) and returns its name.</summary>
    public static async Task<string> CreateBucketAsync(Uri? endpoint = null, string? name = null)
    {
        var bucket = name ?? $"erp-test-{Guid.NewGuid():N}"[..40];
        using var client = Client(endpoint);
        await client.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>Every key in <paramref name="bucket"/>.</summary>
    public static async Task<IReadOnlyList<string>> KeysAsync(string bucket, Uri? endpoint = null)
    {
        using var client = Client(endpoint);
        var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        return [.. (page.S3Objects ?? []).Select(o => o.Key)];
    }

    /// <summary>Host settings that keep every blob container in <paramref name="bucket"/>.</summary>
    public static Dictionary<string, string?> HostSettings(string bucket, Uri? endpoint = null) => new()
    {
        ["BlobStoring:Provider"] = "S3",
        ["BlobStoring:S3:ServiceUrl"] = (endpoint ?? Endpoint).ToString(),
        ["BlobStoring:S3:ForcePathStyle"] = "true",
        ["BlobStoring:S3:Bucket"] = bucket,
        ["BlobStoring:S3:AccessKey"] = "erp-test",
        ["BlobStoring:S3:SecretKey"] = "erp-test-secret",
    };

    private static Uri Start()
    {
        if (Environment.GetEnvironmentVariable("ERP_TEST_S3") is { Length: > 0 } given) return new Uri(given);
        var server = new S3Process();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.Endpoint;
    }
}

/// <summary>An S3-compatible server of its own (moto, through <c>etc/local/s3.sh</c>), for tests that stop and start it.</summary>
public sealed class S3Process : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"erp-test-s3-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);

    public S3Process(int? port = null)
    {
        Port = port ?? PostgresServer.FreePort();
        Start();
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts it again on the same port, empty (moto keeps everything in memory).</summary>
    public void Start() => LocalScript.Run("s3.sh", new Dictionary<string, string>(), "start", _directory, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Stop() => LocalScript.Run("s3.sh", new Dictionary<string, string>(), "stop", _directory);

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
