using System.Net;
using Erp.Testing;
using Microsoft.Playwright;

namespace Erp.Browser.Tests;

/// <summary>
/// The real host on Kestrel (a browser needs a socket) serving the built SPA (<c>angular/dist/browser</c>, made by
/// <c>bash angular/scripts/build.sh</c>), on a fresh database; and Debian's Chromium, driven by Playwright. In Development:
/// plain HTTP on loopback, the request's origin as the token issuer, as a developer runs it.
/// </summary>
public class SpaHost : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ErpHost Host { get; private set; } = null!;

    /// <summary>The host's database, for what a test checks was written.</summary>
    public string Database { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the SPA is served: <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Origin { get; private set; } = "";

    public static string SpaPath => Path.Combine(RepositoryRoot.Path, "angular", "dist", "browser");

    /// <summary>Where the screenshots of the main pages go, at desktop and phone widths.</summary>
    public static string Screenshots => Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public virtual async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(SpaPath, "index.html"))) throw new InvalidOperationException($"No SPA at {SpaPath}: build it with bash angular/scripts/build.sh");
        var port = PostgresServer.FreePort();
        Origin = $"http://127.0.0.1:{port}";
        Database = await TestDatabases.CreateMigratedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Spa:Path"] = SpaPath,
            ["Identity:PublicOrigin"] = "",
            ["Identity:Spa:RedirectUris:0"] = $"{Origin}/auth/callback",
            ["Identity:Spa:RedirectUris:1"] = OidcFlow.RedirectUri, // for CreateApiClientAsync
            ["Identity:Spa:PostLogoutRedirectUris:0"] = $"{Origin}/",
            ["Database:MigrateOnStart"] = "true", // seeds the SPA's registration with this origin
        };
        foreach (var (key, value) in Settings) settings[key] = value;
        Host = new ErpHost(Database, Plugins, "Development", settings);
        PreparePlugins(Host.PluginsPath);
        Host.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        Host.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>The test plugins the host loads: none, unless a fixture for plugins' pages says otherwise.</summary>
    protected virtual IReadOnlyList<string> Plugins => [];

    /// <summary>Settings of a fixture's own, over the defaults (a module to configure, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Changes the host's copies of the plugins before it starts (what a test needs broken, say).</summary>
    protected virtual void PreparePlugins(string pluginsPath)
    {
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        GC.SuppressFinalize(this); // a fixture deriving from this one may add a finalizer
    }

    /// <summary>
    /// Saves the page as it is at desktop width (1280) and at phone width (390) as <c>&lt;name&gt;-desktop.png</c> and
    /// <c>&lt;name&gt;-phone.png</c>, and leaves it at desktop width.
    /// </summary>
    public static async Task CaptureAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1280, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 800);
    }

    /// <summary>Opens the SPA unsigned and signs in through the host's sign-in page, which returns to the SPA's start page.</summary>
    public async Task SignInAsync(IPage page, string userName, string password)
    {
        // The answers the server refused on the way, for a failure to say which step broke (Chromium only says that one did).
        var refused = new List<string>();
        void Note(object? sender, IResponse response)
        {
            if (response.Status >= 400) lock (refused) refused.Add($"{response.Status} {response.Request.Method} {response.Url}");
        }

        page.Response += Note;
        try
        {
            await page.GotoAsync($"{Origin}/");
            await page.WaitForURLAsync(url => url.Contains("/account/sign-in", StringComparison.Ordinal));
            await page.FillAsync("#userName", userName);
            await page.FillAsync("#password", password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync($"{Origin}/");
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // Say where the sign-in stopped and what that page showed, not only that it timed out.
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)", TaskScheduler.Default);
            string answers;
            lock (refused) answers = refused.Count == 0 ? "none" : string.Join("; ", refused);
            throw new InvalidOperationException(
                $"Signing in as {userName} stopped at {page.Url} ({e.Message.Split('\n')[0]}); refused answers: {answers}; the page showed: {shown[..Math.Min(shown.Length, 600)]}", e);
        }
        finally
        {
            page.Response -= Note;
        }
    }

    /// <summary>
    /// A client of the API over the socket, signed in as <paramref name="userName"/> through the same code + PKCE flow as the
    /// SPA: for what a test prepares that the page under test is not about.
    /// </summary>
    public async Task<HttpClient> CreateApiClientAsync(string userName = ErpHost.Admin, string? password = null)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(Origin) };
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(ErpHost.BrowserUserAgent);
        var tokens = await new OidcFlow(browser).SignInAsync(userName, password ?? ErpHost.AdminPassword);
        var api = new HttpClient { BaseAddress = new Uri(Origin) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return api;
    }
}
