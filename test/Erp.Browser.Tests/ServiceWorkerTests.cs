using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// The installable app: Angular's service worker takes the build's app shell into its cache, each file checked against
/// the hash its manifest (<c>ngsw.json</c>) gives, which the build has to keep true when it changes a file after Angular
/// made the manifest (<c>scripts/compile-hints.mjs</c>); and it opens the app from that cache without a network.
/// </summary>
public sealed partial class ServiceWorkerTests(SpaHost spa) : IClassFixture<SpaHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheServiceWorker_CachesTheAppShell_AndOpensItWithoutANetwork()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { ServiceWorkers = ServiceWorkerPolicy.Allow });
        var page = await context.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        // Registered once the app is stable; the worker then downloads the shell's files and checks each one's hash.
        var state = "";
        for (var attempt = 0; attempt < 120 && !state.Contains("=== Version ", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(500, Ct);
            state = await page.EvaluateAsync<string>(
                "async () => (await navigator.serviceWorker.getRegistration())?.active ? (await fetch('/ngsw/state')).text() : ''");
        }

        state.ShouldContain("Driver state: NORMAL", customMessage: state);
        state.ShouldContain("=== Version ", customMessage: "the worker holds a version of the app: " + state);
        state.ShouldNotContain("Hash mismatch", customMessage: state);

        // Offline, the app shell (the page, its script and styles) comes from the worker's cache. Pages' chunks are cached
        // once used through the worker (ngsw-config.json): a first visit does not download every page's code.
        var served = new List<IResponse>();
        page.Response += (_, response) => { lock (served) served.Add(response); };
        await context.SetOfflineAsync(true);
        await page.ReloadAsync();
        List<IResponse> shell;
        lock (served) shell = [.. served.Where(response => response.Url == $"{spa.Origin}/" || AppShellFile().IsMatch(response.Url))];
        shell.Count.ShouldBe(3, string.Join(", ", shell.Select(response => response.Url)));
        foreach (var response in shell)
        {
            response.Status.ShouldBe(200, response.Url);
            response.FromServiceWorker.ShouldBeTrue(response.Url);
        }
    }

    [GeneratedRegex(@"/(main|styles)-[A-Z0-9]{8}\.(js|css)$")]
    private static partial Regex AppShellFile();
}
