using System.Collections.Concurrent;
using Erp.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// The SPA's hashed files on a CDN (<c>Spa:AssetBaseUrl</c>): the page loads its scripts, styles and lazy chunks from
/// there under its Content Security Policy, and draws its charts itself, since a worker's script must come from the
/// page's own origin.
/// </summary>
public sealed class CdnTests(SpaHostBehindACdn spa) : IClassFixture<SpaHostBehindACdn>
{
    [Fact]
    public async Task ThePageLoadsItsFilesFromTheCdn_AndDrawsTheDashboardsChartsOnThePage()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = ProfileAndCompanyTests.ScriptErrors(page);
        var fromCdn = new ConcurrentQueue<string>();
        page.RequestFinished += (_, request) =>
        {
            if (request.Url.StartsWith(spa.CdnOrigin, StringComparison.Ordinal)) fromCdn.Enqueue(new Uri(request.Url).AbsolutePath);
        };
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        var users = page.GetByRole(AriaRole.Region, new() { Name = "Users", Exact = true });
        await Assertions.Expect(users.Locator("app-dashboard-chart[data-drawn] canvas")).ToHaveCountAsync(1);
        // Drawn here, not in the worker: a canvas handed over to a worker cannot be read by the page (toDataURL throws).
        var drawn = await users.Locator("canvas").EvaluateAsync<bool>("""
            canvas => {
              const blank = document.createElement('canvas');
              blank.width = canvas.width;
              blank.height = canvas.height;
              return canvas.toDataURL() !== blank.toDataURL();
            }
            """);
        drawn.ShouldBeTrue("the chart is drawn on the page's own canvas");

        fromCdn.ShouldContain(path => path.StartsWith("/erp/main-", StringComparison.Ordinal), "the start script");
        fromCdn.ShouldContain(path => path.StartsWith("/erp/styles-", StringComparison.Ordinal), "the styles");
        fromCdn.ShouldContain(path => path.StartsWith("/erp/chunk-", StringComparison.Ordinal), "lazy chunks follow their script");
        errors.ShouldBeEmpty("no script error and no Content Security Policy violation");
    }
}

/// <summary>
/// The SPA's host with <c>Spa:AssetBaseUrl</c> naming a stand-in CDN on another loopback origin, which pulls each file
/// from the host as a pull-through CDN does and passes on its content type, caching and CORS headers.
/// </summary>
public sealed class SpaHostBehindACdn : SpaHost
{
    private static readonly HttpClient Pull = new();
    private StandInServer? _cdn;

    /// <summary>The CDN's origin: <c>http://127.0.0.1:&lt;port&gt;</c>; the SPA's files are under <c>/erp/</c>.</summary>
    public string CdnOrigin => _cdn?.Origin ?? throw new InvalidOperationException("The CDN has not started.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Spa:AssetBaseUrl"] = CdnOrigin + "/erp/" };

    public override async ValueTask InitializeAsync()
    {
        _cdn = await StandInServer.StartAsync(cdn => cdn.MapGet("/erp/{**file}", PullAsync), CancellationToken.None);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cdn is not null) await _cdn.DisposeAsync();
    }

    private async Task PullAsync(HttpContext context, string file)
    {
        using var pulled = await Pull.GetAsync($"{Origin}/{file}", HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)pulled.StatusCode;
        context.Response.ContentType = pulled.Content.Headers.ContentType?.ToString();
        foreach (var header in new[] { "Cache-Control", "Access-Control-Allow-Origin" })
            if (pulled.Headers.TryGetValues(header, out var values)) context.Response.Headers[header] = values.ToArray();
        await pulled.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
