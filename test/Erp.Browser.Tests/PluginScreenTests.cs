using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// A plugin's own screen in the SPA, which was built without knowing the plugin: the custom element the sample plugin
/// ships, loaded from the host when its menu entry is opened, calling the API through the SDK; and a broken one that
/// shows the error panel while the shell goes on working. Its tile in the dashboard's slot, beside a broken one; its
/// currencies screen creating and renaming a currency.
/// </summary>
public sealed class PluginScreenTests(SpaHostWithSamplePlugin spa) : IClassFixture<SpaHostWithSamplePlugin>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePluginsScreen_OpensFromItsMenu_ShowsTheRatesReadWithTheUsersToken_AndABrokenScreenShowsTheErrorPanel()
    {
        using var api = await spa.CreateApiClientAsync();
        (await api.PostAsJsonAsync("/api/sample/exchange-rates", new { currency = "USD", rate = 0.9215m, validFrom = "2026-12-01" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        // Script errors and Content Security Policy violations (the plugin's module is the host's own origin: 'self').
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

        var ratesCall = await page.RunAndWaitForRequestAsync(
            () => menu.GetByRole(AriaRole.Link, new() { Name = "Rates board" }).ClickAsync(), request => request.Url.EndsWith("/api/sample/exchange-rates", StringComparison.Ordinal));
        await page.WaitForURLAsync($"{spa.Origin}/screens/Erp.Sample/rates-board");
        (await ratesCall.HeaderValueAsync("authorization")).ShouldStartWith("Bearer ");
        (await ratesCall.HeaderValueAsync("accept-language")).ShouldBe("en");

        // Playwright's locators reach into the element's shadow root.
        var board = page.Locator("erp-sample-rates-board");
        await Assertions.Expect(board.GetByRole(AriaRole.Heading, new() { Name = "Rates board" })).ToBeVisibleAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Table, new() { Name = "Rates board" })).ToContainTextAsync("USD");
        await Assertions.Expect(board.GetByRole(AriaRole.Table)).ToContainTextAsync("0.9215");
        await Assertions.Expect(board).ToContainTextAsync("Signed in as admin");
        await Assertions.Expect(board).ToContainTextAsync("You may change rates.");

        await board.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Rates refreshed.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
        await Assertions.Expect(board).ToHaveAttributeAsync("data-theme", "dark");
        await SpaHost.CaptureAsync(page, "plugin-screen");
        errors.Where(NotOnPurpose).ShouldBeEmpty("no script error and no Content Security Policy violation while the plugin's screen works");

        // A screen whose module throws as it loads: the panel says so in the shell, which goes on working.
        await menu.GetByRole(AriaRole.Link, new() { Name = "Broken board" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "This screen could not be shown" })).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("The screen of the plugin Erp.Sample could not be loaded from the server.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync(SpaHostWithSamplePlugin.BrokenOnPurpose);
        await SpaHost.CaptureAsync(page, "plugin-screen-error");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Rates board" }).ClickAsync();
        await Assertions.Expect(board.GetByRole(AriaRole.Table)).ToContainTextAsync("USD");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheDashboard_ShowsThePluginsTile_AndABrokenTile_GivesWayToAnErrorPanel_WhileTheRestWorks()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        // The plugins' tiles load once scrolled into view (a phone shows one tile at a time): below the platform's four,
        // whose first chart is drawn before the page moves.
        var users = page.GetByRole(AriaRole.Region, new() { Name = "Users", Exact = true });
        await Assertions.Expect(users.Locator("canvas")).ToHaveCountAsync(1);
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        var tile = page.Locator("erp-sample-currency-count").GetByRole(AriaRole.Region, new() { Name = "Currencies" });
        var figure = new Regex(@"(\d+) currencies");
        await Assertions.Expect(tile).ToContainTextAsync(figure);
        var currencies = int.Parse(figure.Match(await tile.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        var panel = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "This part could not be shown" })).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToContainTextAsync("A part from the plugin Erp.Sample could not be loaded from the server.");
        await Assertions.Expect(panel).ToHaveCountAsync(1);
        await Assertions.Expect(users).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(users.Locator("canvas")).ToHaveCountAsync(1);
        await SpaHost.CaptureAsync(page, "dashboard-plugin-slot");

        // By the keyboard: the page may still move after the capture's resizing, and a click could land beside the button.
        await tile.GetByRole(AriaRole.Button, new() { Name = "Open currencies" }).PressAsync("Enter");
        await page.WaitForURLAsync($"{spa.Origin}/screens/Erp.Sample/currencies");
        var screen = page.Locator("erp-sample-currencies");
        await Assertions.Expect(screen.GetByRole(AriaRole.Heading, new() { Name = "Currencies" })).ToBeVisibleAsync();
        await Assertions.Expect(screen.Locator("tbody tr")).ToHaveCountAsync(currencies); // the figure the tile read
    }

    [Fact]
    public async Task TheCurrenciesScreen_OpensFromTheMenu_ShowsTheApisProblemBesideItsField_CreatesAndRenamesACurrency_AndTheRatesScreenAddsARate()
    {
        const string code = "XTD"; // the host's database is the fixture's own
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = ProfileAndCompanyTests.ScriptErrors(page);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Currencies" }).ClickAsync();
        await page.WaitForURLAsync($"{spa.Origin}/screens/Erp.Sample/currencies");
        var screen = page.Locator("erp-sample-currencies");
        var table = screen.GetByRole(AriaRole.Table, new() { Name = "Currencies" });
        await Assertions.Expect(table).ToContainTextAsync("EUR");

        // The API refuses a code of two lower-case letters: its message stands beside the field, which says it is invalid.
        var codeField = screen.GetByLabel("Code", new() { Exact = true });
        await codeField.FillAsync("qq");
        await screen.GetByLabel("Name", new() { Exact = true }).FillAsync("Test dollar");
        await screen.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(codeField).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(screen.Locator("#code-error")).ToBeVisibleAsync();
        await Assertions.Expect(screen.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Test dollar");

        await codeField.FillAsync(code);
        await screen.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Currency {code} created.")).ToBeVisibleAsync();
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = code });
        await Assertions.Expect(row).ToContainTextAsync("Test dollar");
        await Assertions.Expect(screen.Locator("#code-error")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Rename {code}" }).ClickAsync();
        var newName = screen.GetByLabel($"New name of {code}");
        await Assertions.Expect(newName).ToBeFocusedAsync();
        await newName.FillAsync("Renamed dollar");
        await screen.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Currency {code} renamed.")).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = code })).ToContainTextAsync("Renamed dollar");

        // The exchange-rates screen beside it adds a rate to the user's company.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Exchange rates" }).ClickAsync();
        await page.WaitForURLAsync($"{spa.Origin}/screens/Erp.Sample/exchange-rates");
        var rates = page.Locator("erp-sample-exchange-rates");
        await rates.GetByLabel("Currency", new() { Exact = true }).FillAsync("GBP");
        await rates.GetByLabel("Rate", new() { Exact = true }).FillAsync("1.17");
        await rates.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Exchange rate for GBP created.")).ToBeVisibleAsync();
        await Assertions.Expect(rates.GetByRole(AriaRole.Table, new() { Name = "Exchange rates" })).ToContainTextAsync("GBP");

        // Back on the currencies, at phone width, the form fits the screen. Last: the page moves for a while after resizing.
        await page.GoBackAsync();
        await Assertions.Expect(table).ToContainTextAsync("Renamed dollar");
        await page.SetViewportSizeAsync(390, 844);
        var create = (await screen.GetByRole(AriaRole.Button, new() { Name = "Create" }).BoundingBoxAsync())!;
        (create.X + create.Width).ShouldBeLessThanOrEqualTo(390);
        await SpaHost.CaptureAsync(page, "plugin-currencies");
        errors.Where(NotOnPurpose).ShouldBeEmpty("no script error and no Content Security Policy violation");
    }

    // The dashboard's broken tile, which the start page shows after signing in, fails on purpose: whatever the browser says of it.
    private static bool NotOnPurpose(string error) => !error.Contains(SpaHostWithSamplePlugin.BrokenOnPurpose, StringComparison.Ordinal);
}

/// <summary>
/// The SPA served with the sample plugin, whose copy gains a screen ("Sample/Broken board") and a dashboard tile whose
/// modules throw as they load, as a plugin's broken release would.
/// </summary>
public sealed class SpaHostWithSamplePlugin : SpaHost
{
    public const string BrokenOnPurpose = "This module is broken on purpose.";

    protected override IReadOnlyList<string> Plugins => [TestPlugins.Sample];

    protected override void PreparePlugins(string pluginsPath)
    {
        var folder = Path.Combine(pluginsPath, TestPlugins.Sample);
        var manifestPath = Path.Combine(folder, "plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["ui"]!["screens"]!.AsArray().Add(new JsonObject
        {
            ["route"] = "broken-board", ["element"] = "erp-sample-broken-board", ["entry"] = "broken.js", ["menu"] = "Sample/Broken board",
        });
        manifest["ui"]!["slots"]!.AsArray().Add(new JsonObject
        {
            ["slot"] = "dashboard", ["element"] = "erp-sample-broken-tile", ["entry"] = "broken-tile.js",
        });
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        foreach (var broken in new[] { "broken.js", "broken-tile.js" })
            File.WriteAllText(Path.Combine(folder, "wwwroot", broken), $"throw new Error('{BrokenOnPurpose}');");
    }
}
