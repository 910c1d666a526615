using Erp.Kernel.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Erp.Printing.Application;

/// <summary>
/// Prints HTML to PDF in one headless Chromium per instance, started on first use and again after it dies. Templates come
/// from administrators, so a page runs no script and loads nothing: every request it makes (images, fonts, frames, other
/// hosts, files) is refused but inline <c>data:</c> URLs, and the HTML is set as the page's content, never navigated to.
/// </summary>
internal sealed class ChromiumPdfRenderer(IOptions<PrintingOptions> options, ILogger<ChromiumPdfRenderer> logger) : IAsyncDisposable
{
    // "Page 1 of 2" in the page's margin: Chromium fills the two spans itself.
    private const string Footer =
        """<div style="width:100%;font-size:8px;color:#57606a;text-align:center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>""";

    private readonly SemaphoreSlim _launching = new(1, 1);
    private readonly SemaphoreSlim _pages = new(Math.Max(1, options.Value.MaxConcurrentPages));
    private IBrowser? _browser;

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var timeout = (int)options.Value.Timeout.TotalMilliseconds;
        await _pages.WaitAsync(cancellationToken);
        try
        {
            var browser = await BrowserAsync(cancellationToken);
            await using var page = await browser.NewPageAsync();
            await page.SetJavaScriptEnabledAsync(false);
            await page.SetRequestInterceptionAsync(true);
            page.Request += async (_, e) => await RefuseAsync(e.Request);
            await page.SetContentAsync(html, new SetContentOptions { Timeout = timeout }).WaitAsync(cancellationToken);
            return await page.PdfDataAsync(new PdfOptions
            {
                Format = PaperFormat.A4,
                PrintBackground = true,
                PreferCSSPageSize = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = Footer,
                MarginOptions = new MarginOptions { Top = "15mm", Bottom = "18mm", Left = "15mm", Right = "15mm" },
            }).WaitAsync(TimeSpan.FromMilliseconds(timeout), cancellationToken);
        }
        catch (Exception e) when (e is PuppeteerException or TimeoutException)
        {
            logger.LogWarning(e, "Chromium could not print a document");
            throw new ServiceUnavailableException(PrintingErrors.Unavailable, e);
        }
        finally
        {
            _pages.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _launching.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } started) return started;
            if (_browser is not null) await _browser.DisposeAsync();
            var path = options.Value.ChromiumPath;
            if (path is null || !File.Exists(path))
                throw new ServiceUnavailableException(PrintingErrors.Unavailable, null);
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                // Chromium refuses to start its sandbox as root (containers often run so); the page runs no script and
                // loads nothing, which is what the sandbox would otherwise contain.
                Args = Environment.IsPrivilegedProcess ? ["--no-sandbox", "--disable-gpu"] : ["--disable-gpu"],
            });
            logger.LogInformation("Chromium {Version} started for printing from {Path}", await _browser.GetVersionAsync(), path);
            return _browser;
        }
        finally
        {
            _launching.Release();
        }
    }

    private static async Task RefuseAsync(IRequest request)
    {
        // An event handler: nothing may escape it (the page closing under it is normal).
        try
        {
            if (request.Url.StartsWith("data:", StringComparison.Ordinal)) await request.ContinueAsync();
            else await request.AbortAsync();
        }
        catch (PuppeteerException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _launching.Dispose();
        _pages.Dispose();
    }
}
