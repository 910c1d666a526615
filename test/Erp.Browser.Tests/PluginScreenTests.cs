using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// A plugin's own screen in the SPA, which was built without knowing the plugin: the custom element the sample plugin
/// ships, loaded from the host when its menu entry is opened, calling the API through the SDK; and a broken one that
/// shows the error panel while the shell goes on working.
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
        errors.ShouldBeEmpty("no script error and no Content Security Policy violation while the plugin's screen works");

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
}

/// <summary>
/// The SPA served with the sample plugin, whose copy gains a second screen ("Sample/Broken board") whose module throws as
/// it loads, as a plugin's broken release would.
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
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        File.WriteAllText(Path.Combine(folder, "wwwroot", "broken.js"), $"throw new Error('{BrokenOnPurpose}');");
    }
}
