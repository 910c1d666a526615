using System.Net;
using System.Text.Json;
using Erp.BlobStoring.Application;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Object storage going away and coming back, the virus scanner refusing a file or being down, and the daily check that
/// finds bytes and rows that disagree.
/// </summary>
public sealed class BlobStorageOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileS3IsDown_UploadsAnswer503_ReadinessSaysS3_AndNothingIsHalfWritten_ThenItRecovers()
    {
        using var s3 = new S3Process();
        var bucket = await S3Server.CreateBucketAsync(s3.Endpoint);
        var host = BlobHost.OnS3(bucket, endpoint: s3.Endpoint);
        await using var _ = host;
        await host.StartAsync();
        (await host.UploadAsync("before.pdf")).StatusCode.ShouldBe(HttpStatusCode.Created);

        s3.Stop();
        await (await host.UploadAsync("during.pdf")).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "blob-storing.unavailable");
        (await host.RowsAsync("during.pdf")).ShouldBe(0);
        var ready = await ReadinessAsync(host.Host);
        ready.GetProperty("checks").GetProperty("s3").GetProperty("status").GetString().ShouldBe("Degraded");

        // Back (empty: the test server keeps nothing), with its bucket: healthy, and uploads work again.
        s3.Start();
        await S3Server.CreateBucketAsync(s3.Endpoint, bucket);
        var (status, _) = await Eventually.ValueAsync(async () => (await ReadinessAsync(host.Host)).GetProperty("checks").GetProperty("s3").GetProperty("status").GetString(),
            s => s == "Healthy", TimeSpan.FromSeconds(10));
        status.ShouldBe("Healthy");
        (await host.UploadAsync("after.pdf")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await S3Server.KeysAsync(bucket, s3.Endpoint)).Count(k => !k.Contains(".staging", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task TheOrphanCheck_ReportsBytesNoBlobNames_AndBlobsWithoutBytes_AndRemovesStaleStagedUploads()
    {
        var host = new BlobHost([]);
        await using var _ = host;
        await host.StartAsync();
        var database = host.Database;
        (await host.UploadAsync("kept.pdf")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var gone = await (await host.UploadAsync("gone.pdf")).ReadAsync<JsonElement>();

        var folder = Path.Combine(ErpHost.BlobsPathOf(database), "attachments");
        var stray = Path.Combine(folder, "stray", "bytes");
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        await File.WriteAllTextAsync(stray, "nobody's", Ct);
        var staged = Path.Combine(folder, ".staging", "from-a-killed-host");
        await File.WriteAllTextAsync(staged, "half an upload", Ct);
        File.SetLastWriteTimeUtc(staged, DateTime.UtcNow.AddDays(-2));
        var goneKey = await PostgresServer.ScalarAsync<string>(database, $"SELECT storage_key FROM blobs.blobs WHERE id = '{gone.GetProperty("id").GetGuid()}'");
        File.Delete(Path.Combine(folder, goneKey));

        await using var scope = host.Host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReportOrphanedBlobs>().CheckAsync("attachments", Ct);

        report.Unnamed.ShouldBe(["stray/bytes"]);
        report.Missing.ShouldBe([goneKey]);
        report.StagedRemoved.ShouldBe(1);
        File.Exists(staged).ShouldBeFalse();
    }

    [Fact]
    public async Task TheVirusScanner_RefusesAnInfectedUpload_AndAScannerThatIsDown_FailsUploadsRatherThanKeepUncheckedFiles()
    {
        using var clamd = new ClamdProcess();
        var host = new BlobHost(new()
        {
            ["BlobStoring:Clamd:Host"] = "127.0.0.1",
            ["BlobStoring:Clamd:Port"] = clamd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var _ = host;
        await host.StartAsync();
        var database = host.Database;

        var refused = await (await host.UploadAsync("invoice.txt", ClamdProcess.Eicar)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "blob-storing.refused-by-scanner");
        refused.GetProperty("detail").GetString()!.ShouldContain("Erp.Test.EICAR");
        (await host.RowsAsync("invoice.txt")).ShouldBe(0);
        (await host.UploadAsync("notes.txt", "Clean text."u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.Created);

        clamd.Stop();
        await (await host.UploadAsync("unchecked.txt", "Clean, but unchecked."u8.ToArray())).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "blob-storing.unavailable");
        (await host.RowsAsync("unchecked.txt")).ShouldBe(0);
        var stored = Directory.GetFiles(Path.Combine(ErpHost.BlobsPathOf(database), "attachments"), "*", SearchOption.AllDirectories);
        stored.ShouldHaveSingleItem("only the clean file's bytes");
    }

    private static async Task<JsonElement> ReadinessAsync(ErpHost host)
    {
        using var response = await host.CreateClient().GetAsync("/health/ready");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
