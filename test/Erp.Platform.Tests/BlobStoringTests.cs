using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// A host keeping blobs on the file system and one keeping them in S3 (each on a database of its own, as two deployments),
/// each signed in as the administrator working in a company made for the tests. Attachments take files up to 1 MB here.
/// </summary>
public sealed class BlobHosts : IAsyncLifetime
{
    public const long MaxSize = 1024 * 1024;

    public BlobHost FileSystem { get; } = new(Limited(new()));
    public BlobHost S3 { get; } = BlobHost.OnS3(S3Server.CreateBucketAsync().GetAwaiter().GetResult(), Limited);

    public BlobHost On(string provider) => provider == "S3" ? S3 : FileSystem;

    public async ValueTask InitializeAsync()
    {
        await FileSystem.StartAsync();
        await S3.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await FileSystem.DisposeAsync();
        await S3.DisposeAsync();
    }

    private static Dictionary<string, string?> Limited(Dictionary<string, string?> settings)
    {
        settings["BlobStoring:Containers:attachments:MaxSize"] = MaxSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>A host on a database of its own, signed in as the administrator working in a company made for the test.</summary>
/// <param name="bucket">The S3 bucket blobs go to (on <paramref name="endpoint"/>); null for the file system.</param>
public sealed class BlobHost(Dictionary<string, string?> settings, string? bucket = null, Uri? endpoint = null) : IAsyncDisposable
{
    public static BlobHost OnS3(string bucket, Func<Dictionary<string, string?>, Dictionary<string, string?>>? more = null, Uri? endpoint = null)
    {
        var settings = S3Server.HostSettings(bucket, endpoint);
        return new BlobHost(more?.Invoke(settings) ?? settings, bucket, endpoint);
    }

    public string Database { get; private set; } = "";
    public ErpHost Host { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public Guid Company { get; private set; }
    public string Attachments => $"/api/attachments/companies/{Company}";

    public async Task StartAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync();
        Host = new ErpHost(Database, [], settings: settings);
        var admin = await Host.CreateSignedInClientAsync();
        Company = await admin.CreateCompanyAsync("Files");
        Admin = admin.WorkingIn(Company);
    }

    /// <summary>Every stored object, staged uploads included.</summary>
    public async Task<IReadOnlyList<string>> StoredAsync()
    {
        if (bucket is not null) return await S3Server.KeysAsync(bucket, endpoint);
        var folder = ErpHost.BlobsPathOf(Database);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    public Task<HttpResponseMessage> UploadAsync(string fileName, byte[]? content = null) =>
        Admin.PostAsync(Attachments, Files.Upload(content ?? Files.Pdf(20_000), fileName), TestContext.Current.CancellationToken);

    public async Task<long> RowsAsync(string fileName) =>
        await PostgresServer.ScalarAsync<long>(Database, $"SELECT count(*) FROM blobs.blobs WHERE file_name = '{fileName.Replace("'", "''", StringComparison.Ordinal)}'");

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Attachments through the API on both providers: what is accepted comes back byte for byte (ranges too) and goes when
/// deleted; every bad upload is refused with a problem and leaves neither bytes nor a row.
/// </summary>
public sealed class BlobStoringTests(BlobHosts hosts) : IClassFixture<BlobHosts>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => ["FileSystem", "S3"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnAttachedFile_DownloadsAsSent_InRanges_AndItsBytesGoWithTheLastBlobNamingThem(string provider)
    {
        var host = hosts.On(provider);
        var (client, path) = (host.Admin, host.Attachments);
        var pdf = Files.Pdf(200_000);

        var first = await (await client.PostAsync(path, Files.Upload(pdf, "Contract.pdf", "application/pdf"), Ct)).ReadAsync<JsonElement>();
        first.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        first.GetProperty("size").GetInt64().ShouldBe(pdf.Length);
        first.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var id = first.GetProperty("id").GetGuid();

        (await client.GetByteArrayAsync($"{path}/{id}/content", Ct)).ShouldBe(pdf);
        using var range = new HttpRequestMessage(HttpMethod.Get, $"{path}/{id}/content");
        range.Headers.Range = new RangeHeaderValue(100_000, 100_099);
        using var partial = await client.SendAsync(range, Ct);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(pdf[100_000..100_100]);
        partial.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Contract.pdf");

        // The same content again is a second blob and one stored object.
        var second = (await (await client.PostAsync(path, Files.Upload(pdf, "Copy of contract.pdf"), Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var listed = await client.GetFromJsonAsync<JsonElement[]>(path, Ct);
        var ids = listed!.Select(a => a.GetProperty("id").GetGuid()).ToList(); // other tests attach to this company too
        ids.IndexOf(second).ShouldBeLessThan(ids.IndexOf(id), "newest first");
        ids.ShouldContain(second);
        ids.ShouldContain(id);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        (await ObjectsOfAsync(host, sha256)).Count.ShouldBe(1);

        (await client.DeleteAsync($"{path}/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Task.Delay(1500, Ct); // the release is delivered after the commit; the other blob keeps the bytes
        (await client.GetByteArrayAsync($"{path}/{second}/content", Ct)).ShouldBe(pdf);
        (await client.DeleteAsync($"{path}/{second}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var (left, _) = await Eventually.ValueAsync(() => ObjectsOfAsync(host, sha256), objects => objects.Count == 0, TimeSpan.FromSeconds(10));
        left.ShouldBeEmpty("the bytes of the last deleted blob are removed after the commit");
        await (await client.GetAsync($"{path}/{second}/content", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "blob-storing.attachment.not-found");
    }

    public static TheoryData<string, string, string, string?, byte[], HttpStatusCode, string> BadUploads()
    {
        var data = new TheoryData<string, string, string, string?, byte[], HttpStatusCode, string>();
        foreach (var provider in new[] { "FileSystem", "S3" })
        {
            data.Add(provider, "a Windows executable renamed .png", "photo.png", "image/png", Files.WindowsExecutable(), HttpStatusCode.UnprocessableEntity, "blob-storing.type-not-allowed");
            data.Add(provider, "a picture with an archive appended", "photo.png", "image/png", [.. Files.Png(), .. Files.Zip()], HttpStatusCode.UnprocessableEntity, "blob-storing.malformed");
            data.Add(provider, "a JPEG with a script appended", "photo.jpg", "image/jpeg", [.. Files.Jpeg(), .. "<script>alert(1)</script>"u8.ToArray()], HttpStatusCode.UnprocessableEntity, "blob-storing.malformed");
            data.Add(provider, "a PDF with an archive after its end", "contract.pdf", null, [.. Files.Pdf(1000), .. Files.Zip()], HttpStatusCode.UnprocessableEntity, "blob-storing.malformed");
            data.Add(provider, "a path for a name", "../../etc/passwd", null, "root:x:0:0"u8.ToArray(), HttpStatusCode.UnprocessableEntity, "blob-storing.file-name-invalid");
            data.Add(provider, "a name that reads backwards", "invoice\u202Egnp.exe", null, Files.Png(), HttpStatusCode.UnprocessableEntity, "blob-storing.file-name-invalid");
            data.Add(provider, "an empty file", "empty.txt", "text/plain", [], HttpStatusCode.UnprocessableEntity, "blob-storing.empty");
            data.Add(provider, "a picture declared as a PDF", "photo.png", "application/pdf", Files.Png(), HttpStatusCode.UnprocessableEntity, "blob-storing.declared-type-mismatch");
            data.Add(provider, "a picture named .pdf", "photo.pdf", null, Files.Png(), HttpStatusCode.UnprocessableEntity, "blob-storing.extension-mismatch");
            data.Add(provider, "a name of 5,000 characters", new string('a', 4996) + ".png", "image/png", Files.Png(), HttpStatusCode.UnprocessableEntity, "blob-storing.file-name-too-long");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task ABadUpload_IsRefused_AndLeavesNeitherBytesNorARow(string provider, string what, string fileName, string? declaredType, byte[] content,
        HttpStatusCode status, string code)
    {
        var host = hosts.On(provider);
        var before = await host.StoredAsync();

        await (await host.Admin.PostAsync(host.Attachments, Files.Upload(content, fileName, declaredType), Ct)).ShouldBeProblemAsync(status, code, what);

        (await host.RowsAsync(fileName)).ShouldBe(0, what);
        (await host.StoredAsync()).ShouldBe(before, what);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AnOversizeUpload_Is413_BeforeItsBodyIsRead_AndLeavesNothing(string provider)
    {
        var host = hosts.On(provider);
        var before = await host.StoredAsync();
        // A real process (Kestrel) and a raw socket, which shows when the host stops reading (HttpClient gives up on the
        // broken pipe before it reads the early answer); the upload streams without a length, so only counting can stop it.
        using var process = host.Host.StartProcess();
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        var response = await OversizeUpload.SendAsync(process.Port, host, Files.Pdf(64 * 1024 * 1024), Ct);

        response.Text.ShouldStartWith("HTTP/1.1 413", customMessage: response.Text);
        response.Text.ShouldContain("\"code\":\"blob-storing.too-large\"", customMessage: response.Text);
        response.BodySent.ShouldBeLessThan(16 * 1024 * 1024, "the host stopped reading soon after the limit");
        (await host.RowsAsync("big.pdf")).ShouldBe(0);
        (await host.StoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AttachmentsFollowTheEntitysPermissions_AndItsCompany()
    {
        var host = hosts.FileSystem;
        var (admin, company, path) = (host.Admin, host.Company, host.Attachments);
        var id = (await (await admin.PostAsync(path, Files.Upload(Files.Png(), "logo.png"), Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

        // A reader of companies lists and downloads, and may not attach or delete.
        var userName = "reader" + Guid.NewGuid().ToString("N")[..8];
        var userId = await host.Host.CreateUserAsync(admin, userName, "Correct-Horse-42");
        (await admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = new[] { "Companies" } }, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/companies/{company}/members", new { addUsers = new[] { userId } }, Ct)).EnsureSuccessStatusCode();
        var reader = (await host.Host.CreateSignedInClientAsync(userName, "Correct-Horse-42")).WorkingIn(company);
        (await reader.GetFromJsonAsync<JsonElement[]>(path, Ct))!.ShouldContain(a => a.GetProperty("id").GetGuid() == id);
        (await reader.GetByteArrayAsync($"{path}/{id}/content", Ct)).ShouldBe(Files.Png());
        await (await reader.PostAsync(path, Files.Upload(Files.Png(), "mine.png"), Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await reader.DeleteAsync($"{path}/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Another company's record, an unknown record and an unknown kind of record are not there for them.
        var other = await admin.CreateCompanyAsync("Other");
        await (await reader.GetAsync($"/api/attachments/companies/{other}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await reader.GetAsync($"/api/attachments/companies/{other}/{id}/content", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await reader.GetAsync("/api/attachments/payroll/1", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "blob-storing.entity-type.not-found");
        (await host.Host.CreateClient().GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnS3Container_GivesShortLivedDownloadLinks_AndAFileSystemOneSaysItHasNone()
    {
        var (client, path) = (hosts.S3.Admin, hosts.S3.Attachments);
        var text = "Kunde;Betrag\nMüller;12,50\n"u8.ToArray();
        var id = (await (await client.PostAsync(path, Files.Upload(text, "export.csv", "text/csv"), Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

        var link = await client.GetFromJsonAsync<JsonElement>($"{path}/{id}/link", Ct);
        using var direct = new HttpClient();
        using var downloaded = await direct.GetAsync(link.GetProperty("url").GetString(), Ct);
        (await downloaded.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(text);
        // S3 answers with the download name the signed link asks for (the test server ignores it, so the link is checked).
        Uri.UnescapeDataString(link.GetProperty("url").GetString()!).ShouldContain("response-content-disposition=attachment; filename=export.csv");
        link.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(10), DateTimeOffset.UtcNow.AddMinutes(16));

        var onDisk = hosts.FileSystem;
        var local = (await (await onDisk.Admin.PostAsync(onDisk.Attachments, Files.Upload(text, "export.csv"), Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await onDisk.Admin.GetAsync($"{onDisk.Attachments}/{local}/link", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "blob-storing.links-unsupported");
    }

    // Other tests of the fixture store files in the same company: only this content's object counts.
    private static async Task<IReadOnlyList<string>> ObjectsOfAsync(BlobHost host, string sha256) =>
        [.. (await host.StoredAsync()).Where(k => k.EndsWith(sha256, StringComparison.Ordinal))];
}

/// <summary>Files as clients send them, and the kinds of file tests upload.</summary>
public static class Files
{
    public static MultipartFormDataContent Upload(byte[] content, string fileName, string? contentType = null)
    {
        var file = new ByteArrayContent(content);
        if (contentType is not null) file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A 1×1 JPEG.</summary>
    public static byte[] Jpeg() => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////" +
        "wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    /// <summary>A PDF of about <paramref name="size"/> bytes: a header, a stream of random bytes, and the end marker.</summary>
    public static byte[] Pdf(int size)
    {
        var body = new byte[size];
        Random.Shared.NextBytes(body);
        return [.. "%PDF-1.7\n1 0 obj\n<< /Length 0 >>\nstream\n"u8, .. body, .. "\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8];
    }

    /// <summary>The start of a Windows executable (MZ header, DOS stub, zeros).</summary>
    public static byte[] WindowsExecutable()
    {
        var exe = new byte[4096];
        "MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00FF\u00FF"u8.ToArray().CopyTo(exe, 0);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(exe, 78);
        return exe;
    }

    /// <summary>An empty ZIP archive (its end-of-central-directory record) after a local file header.</summary>
    public static byte[] Zip() => [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
}

/// <summary>An upload over a raw HTTP/1.1 connection, chunk by chunk, that stops sending as soon as the host answers.</summary>
public static class OversizeUpload
{
    public static async Task<(string Text, long BodySent)> SendAsync(int port, BlobHost host, byte[] file, CancellationToken ct)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, ct);
        var stream = tcp.GetStream();
        var head = $"POST {host.Attachments} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {host.Admin.DefaultRequestHeaders.Authorization}\r\n" +
                   $"X-Company: {host.Company}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        byte[] body = [.. "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"u8, .. file];
        long sent = 0;
        try
        {
            while (sent < body.Length && tcp.Available == 0)
            {
                var chunk = (int)Math.Min(64 * 1024, body.Length - sent);
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk:x}\r\n"), ct);
                await stream.WriteAsync(body.AsMemory((int)sent, chunk), ct);
                await stream.WriteAsync("\r\n"u8.ToArray(), ct);
                sent += chunk;
                await Task.Delay(1, ct);
            }
        }
        catch (IOException)
        {
            // The host closed the connection after answering: what it answered is already here.
        }

        var answer = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
            quiet.CancelAfter(TimeSpan.FromSeconds(5));
            while ((read = await stream.ReadAsync(buffer, quiet.Token)) > 0)
            {
                answer.Write(buffer, 0, read); // until the host closes the connection, as its answer says it will
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
        }

        return (Encoding.UTF8.GetString(answer.ToArray()), sent);
    }
}
