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
        (await browser.GetAsync("/manifest.webmanifest", Ct)).Headers.CacheControl!.NoCache.ShouldBeTrue("an unhashed file is revalidated");

        // The server's paths stay the server's: an unknown API path is a problem, not the SPA's page.
        foreach (var path in new[] { "/api/nothing-here", "/connect/nothing", "/openapi/nothing" })
        {
            var missing = await browser.GetAsync(path, Ct);
            missing.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
            missing.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/html", path);
        }

        (await browser.PostAsync("/administration/users", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only reading a page is the SPA's");
    }
}
