using System.IO.Compression;
using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>The built SPA at <c>/</c>: hashed files cached for good, the page and deep links revalidated, the API's paths left to the API.</summary>
public sealed class SpaHostingTests : IAsyncLifetime
{
    private const string Index = "<!doctype html><title>Erp</title><script src=\"main-5KJ2LQ7A.js\" type=\"module\"></script>";
    private readonly string _spa = Directory.CreateTempSubdirectory("erp-spa-").FullName;
    private ErpHost _host = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_spa, "index.html"), Index, Ct);
        await File.WriteAllTextAsync(Path.Combine(_spa, "main-5KJ2LQ7A.js"), "console.log('erp');", Ct);
        await File.WriteAllTextAsync(Path.Combine(_spa, "manifest.webmanifest"), "{}", Ct);
        await File.WriteAllTextAsync(Path.Combine(_spa, "ngsw-worker.js"), "self.addEventListener('fetch', () => {});", Ct);
        await File.WriteAllTextAsync(Path.Combine(_spa, "ngsw.json"), """{"configVersion":1,"hashTable":{"/index.html":"0000"}}""", Ct);
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?> { ["Spa:Path"] = _spa });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_spa, recursive: true);
    }

    [Fact]
    public async Task TheSpa_IsServedAtTheRoot_HashedFilesForAYear_PagesRevalidated_ApiPathsNotTheSpas()
    {
        using var browser = _host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

        foreach (var path in new[] { "/", "/administration/users/42", "/not-allowed?from=x" })
        {
            var page = await browser.GetAsync(path, Ct);
            page.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            (await page.Content.ReadAsStringAsync(Ct)).ShouldBe(Index, path);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            page.Headers.CacheControl!.NoCache.ShouldBeTrue(path);
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            policy.ShouldContain("script-src 'self'");
            policy.ShouldNotContain("unsafe-eval");
        }

        var script = await browser.GetAsync("/main-5KJ2LQ7A.js", Ct);
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        // The lazy chunks Rollup merges carry its hash: mixed case, '-' and '_' (they were revalidated on every load).
        await File.WriteAllTextAsync(Path.Combine(_spa, "chunk-Cg-RIB_v.js"), "export {};", Ct);
        (await browser.GetAsync("/chunk-Cg-RIB_v.js", Ct)).Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        // A name that only looks like one (a word of eight letters) is no hash.
        await File.WriteAllTextAsync(Path.Combine(_spa, "company-settings.json"), "{}", Ct);
        (await browser.GetAsync("/company-settings.json", Ct)).Headers.CacheControl!.NoCache.ShouldBeTrue("an unhashed file is revalidated");
        var manifest = await browser.GetAsync("/manifest.webmanifest", Ct);
        manifest.Headers.CacheControl!.NoCache.ShouldBeTrue("an unhashed file is revalidated");
        manifest.Content.Headers.ContentType!.MediaType.ShouldBe("application/manifest+json");
        // The service worker and its manifest are revalidated on every check, so a deployment reaches installed apps.
        foreach (var path in new[] { "/ngsw-worker.js", "/ngsw.json" })
            (await browser.GetAsync(path, Ct)).Headers.CacheControl!.NoCache.ShouldBeTrue(path);
        // A worker runs under its script's policy: the service worker fetches the app's files, so it has the page's.
        var workerPolicy = (await browser.GetAsync("/ngsw-worker.js", Ct)).Headers.GetValues("Content-Security-Policy").Single();
        workerPolicy.ShouldBe((await browser.GetAsync("/", Ct)).Headers.GetValues("Content-Security-Policy").Single());
        workerPolicy.ShouldContain("connect-src 'self'");

        // The server's paths stay the server's: an unknown API path is a problem, not the SPA's page.
        foreach (var path in new[] { "/api/nothing-here", "/connect/nothing", "/openapi/nothing" })
        {
            var missing = await browser.GetAsync(path, Ct);
            missing.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
            missing.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/html", path);
        }

        (await browser.PostAsync("/administration/users", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only reading a page is the SPA's");
    }

    [Fact]
    public async Task TheBuildsCompressedCopies_GoToBrowsersThatAcceptThem_AsTheFileTheyHold()
    {
        var script = string.Concat(Enumerable.Repeat("console.log('erp');\n", 200));
        await File.WriteAllTextAsync(Path.Combine(_spa, "chunk-QWER5678.js"), script, Ct);
        await File.WriteAllBytesAsync(Path.Combine(_spa, "chunk-QWER5678.js.br"), Compress(script, s => new BrotliStream(s, CompressionLevel.SmallestSize)), Ct);
        await File.WriteAllBytesAsync(Path.Combine(_spa, "chunk-QWER5678.js.gz"), Compress(script, s => new GZipStream(s, CompressionLevel.SmallestSize)), Ct);
        using var browser = _host.CreateClient(new() { BaseAddress = new Uri("https://localhost") }); // sends no Accept-Encoding itself

        foreach (var (accepts, encoding) in new[] { ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/chunk-QWER5678.js");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accepts);
            using var response = await browser.SendAsync(request, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, accepts);
            response.Content.Headers.ContentEncoding.SingleOrDefault().ShouldBe(encoding, accepts);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript", accepts);
            response.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable", accepts);
            response.Headers.Vary.ShouldContain("Accept-Encoding", accepts);
            var body = await response.Content.ReadAsStreamAsync(Ct);
            using var decoded = new StreamReader(encoding switch
            {
                "br" => new BrotliStream(body, CompressionMode.Decompress),
                "gzip" => new GZipStream(body, CompressionMode.Decompress),
                _ => body,
            });
            (await decoded.ReadToEndAsync(Ct)).ShouldBe(script, accepts);
        }

        // A file the build did not compress is served as it is, with no claim that it varies.
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/main-5KJ2LQ7A.js");
        plain.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var plainResponse = await browser.SendAsync(plain, Ct);
        plainResponse.Content.Headers.ContentEncoding.ShouldBeEmpty();
        plainResponse.Headers.Vary.ShouldBeEmpty();
    }

    private static byte[] Compress(string text, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var compressing = compressor(buffer)) compressing.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    [Fact]
    public async Task WithAnAssetBaseUrl_ThePageNamesItsHashedFilesAtTheCdn_AndItsPolicyAllowsIt()
    {
        const string cdn = "https://cdn.erp.test/erp/";
        await File.WriteAllTextAsync(Path.Combine(_spa, "index.html"), """
            <!doctype html><html><head><base href="/"><link rel="icon" href="favicon.ico"><link rel="manifest" href="manifest.webmanifest">
            <link rel="stylesheet" href="styles-ABCD1234.css"><link rel="modulepreload" href="chunk-QWER5678.js"><link rel="modulepreload" href="chunk-Cg-RIB_v.js"></head>
            <body><script src="main-5KJ2LQ7A.js" type="module"></script><a href="https://elsewhere.erp.test/x-ABCD1234.js">x</a></body></html>
            """, Ct);
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [],
            settings: new Dictionary<string, string?> { ["Spa:Path"] = _spa, ["Spa:AssetBaseUrl"] = "https://cdn.erp.test/erp" });
        using var browser = host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

        foreach (var path in new[] { "/", "/profile", "/index.html" })
        {
            var page = await browser.GetAsync(path, Ct);
            var html = await page.Content.ReadAsStringAsync(Ct);
            html.ShouldContain($"""<script src="{cdn}main-5KJ2LQ7A.js" type="module">""", customMessage: path);
            html.ShouldContain($"""href="{cdn}styles-ABCD1234.css">""");
            html.ShouldContain($"""href="{cdn}chunk-QWER5678.js">""");
            html.ShouldContain($"""href="{cdn}chunk-Cg-RIB_v.js">""");
            // Unhashed files are revalidated on every load: they stay here, as do links that name their own origin.
            html.ShouldContain("""<base href="/"><link rel="icon" href="favicon.ico"><link rel="manifest" href="manifest.webmanifest">""");
            html.ShouldContain("""href="https://elsewhere.erp.test/x-ABCD1234.js">""");
            var policy = page.Headers.GetValues("Content-Security-Policy").Single();
            foreach (var directive in new[] { "script-src", "style-src", "img-src", "font-src" })
                policy.ShouldContain($"{directive} 'self' {cdn}");
            policy.ShouldContain("connect-src 'self';", customMessage: "the API stays on this host");
        }

        // The service worker fetches the page's files from the CDN on the page's behalf.
        (await browser.GetAsync("/ngsw-worker.js", Ct)).Headers.GetValues("Content-Security-Policy").Single().ShouldContain($"connect-src 'self' {cdn};");

        // The service worker checks the page against its hash table: the table names the page as served.
        var served = await browser.GetByteArrayAsync("/", Ct);
        var table = System.Text.Json.JsonDocument.Parse(await browser.GetStringAsync("/ngsw.json", Ct)).RootElement.GetProperty("hashTable");
#pragma warning disable CA5350 // the worker's content hash is SHA-1
        table.GetProperty("/index.html").GetString().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(served)));
#pragma warning restore CA5350

        var script = await browser.GetAsync("/main-5KJ2LQ7A.js", Ct);
        script.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*", "the CDN serves module scripts to another origin");
        await File.WriteAllTextAsync(Path.Combine(_spa, "chunk-Cg-RIB_v.js"), "export {};", Ct);
        (await browser.GetAsync("/chunk-Cg-RIB_v.js", Ct)).Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*", "lazy chunks too");
        (await browser.GetAsync("/api/nothing-here", Ct)).Content.Headers.ContentType?.MediaType.ShouldNotBe("text/html");
    }

    [Theory]
    [InlineData("cdn.erp.test/erp")]
    [InlineData("ftp://cdn.erp.test/")]
    [InlineData("https://cdn.erp.test/erp?v=1")]
    public async Task AnAssetBaseUrlThatIsNoAddress_StopsTheHost_NamingTheSetting(string value)
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [],
            settings: new Dictionary<string, string?> { ["Spa:Path"] = _spa, ["Spa:AssetBaseUrl"] = value });
        Should.Throw<InvalidOperationException>(() => host.CreateClient()).Message.ShouldContain("Spa:AssetBaseUrl");
    }
}
