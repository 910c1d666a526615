using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// A plugin's screens and slot elements: its UI files served under its version (cached for good, typed, nothing else of the
/// plugin's folder), and listed (the screens with their menu entries) in <c>/api/app-config</c> for those who may see them.
/// </summary>
public sealed class PluginScreenTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Entry = "/plugins/Erp.Sample/1.0.0/screens.js";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheEntry_IsServedToAnyone_UnderThePluginsVersion_ImmutableAndTypedAsAModule()
    {
        using var anonymous = fixture.Host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

        var script = await anonymous.GetAsync(Entry, Ct);

        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        script.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        script.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await script.Content.ReadAsStringAsync(Ct)).ShouldContain("customElements.define('erp-sample-rates-board'");
    }

    [Theory]
    [InlineData("/plugins/Erp.Sample/1.0.0/", "the folder: no listing")]
    [InlineData("/plugins/Erp.Sample/1.0.0/wwwroot", "no folder of the plugin's")]
    [InlineData("/plugins/Erp.Sample/1.0.0/../plugin.json", "a dot-dot segment")]
    [InlineData("/plugins/Erp.Sample/1.0.0/%2e%2e/plugin.json", "an encoded dot-dot segment")]
    [InlineData("/plugins/Erp.Sample/1.0.0/..%2fplugin.json", "an encoded slash")]
    [InlineData("/plugins/Erp.Sample/1.0.0/..%5cplugin.json", "a backslash")]
    [InlineData("/plugins/Erp.Sample/1.0.0/..%5c..%5c..%5cappsettings.json", "backslashes to the host's folder")]
    [InlineData("/plugins/Erp.Sample/1.0.0//etc/passwd", "an absolute path")]
    [InlineData("/plugins/Erp.Sample/1.0.0/%2fetc%2fpasswd", "an encoded absolute path")]
    [InlineData("/plugins/Erp.Sample/1.0.0/Erp.Sample.dll", "the assembly beside wwwroot/")]
    [InlineData("/plugins/Erp.Sample/1.0.0/.secret", "a hidden file inside wwwroot/")]
    [InlineData("/plugins/Erp.Sample/0.9.0/screens.js", "another version")]
    [InlineData("/plugins/Erp.Nothing/1.0.0/screens.js", "an unknown plugin")]
    [InlineData("/plugins/Erp.Faulty/1.0.0/plugin.json", "a plugin without screens")]
    public async Task NothingButThePluginsUiFiles_IsServed(string path, string attack)
    {
        await File.WriteAllTextAsync(Path.Combine(fixture.Host.PluginsPath, "Erp.Sample", "wwwroot", ".secret"), "secret", Ct);

        // Handed to the host as written (decoded as a server decodes it, %2F kept): HttpClient, as browsers and Kestrel do,
        // would resolve the dot segments before the host saw them.
        var response = await fixture.Host.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Scheme = "https";
            context.Request.Host = new HostString("localhost");
            context.Request.Path = PathString.FromUriComponent(path);
        }, Ct);

        response.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound, attack);
        response.Response.ContentType.ShouldBe("application/problem+json", attack);
    }

    [Fact]
    public async Task AppConfig_ListsTheScreens_AndTheirMenuEntries_ToThoseWhoMayOpenThem()
    {
        var admin = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        var screen = admin.GetProperty("screens").EnumerateArray().Single(s => s.GetProperty("element").GetString() == "erp-sample-rates-board");
        screen.GetProperty("plugin").GetString().ShouldBe("Erp.Sample");
        screen.GetProperty("path").GetString().ShouldBe("/screens/Erp.Sample/rates-board");
        screen.GetProperty("entry").GetString().ShouldBe(Entry);
        screen.GetProperty("sdk").GetInt32().ShouldBe(1);
        MenuRoutes(admin).ShouldContain("/screens/Erp.Sample/rates-board");
        MenuRoutes(admin).ShouldContain("/screens/Erp.Sample/currencies");
        MenuRoutes(admin).ShouldContain("/screens/Erp.Sample/exchange-rates");
        MenuRoutes(admin).ShouldNotContain(route => route.StartsWith("/sample/", StringComparison.Ordinal), "every menu entry of the sample opens a screen the SPA has");

        var (_, clerk) = await SignedInClerkAsync();
        using var _ = clerk;
        var withoutGrant = await clerk.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        withoutGrant.GetProperty("screens").GetArrayLength().ShouldBe(0, "the screens need Sample.ExchangeRates or Sample.Currencies");
        MenuRoutes(withoutGrant).ShouldNotContain("/screens/Erp.Sample/rates-board");
    }

    [Fact]
    public async Task AppConfig_ListsTheSlotElements_ToThoseWhoMaySeeThem()
    {
        var admin = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        var tile = admin.GetProperty("slotElements").EnumerateArray().ShouldHaveSingleItem();
        tile.GetProperty("plugin").GetString().ShouldBe("Erp.Sample");
        tile.GetProperty("slot").GetString().ShouldBe("dashboard");
        tile.GetProperty("element").GetString().ShouldBe("erp-sample-currency-count");
        tile.GetProperty("entry").GetString().ShouldBe("/plugins/Erp.Sample/1.0.0/dashboard.js");
        tile.GetProperty("sdk").GetInt32().ShouldBe(1);
        (await fixture.Client.GetAsync(tile.GetProperty("entry").GetString(), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (clerkId, clerk) = await SignedInClerkAsync();
        using var _ = clerk;
        (await clerk.GetFromJsonAsync<JsonElement>("/api/app-config", Ct)).GetProperty("slotElements").GetArrayLength()
            .ShouldBe(0, "the tile needs Sample.Currencies");
        (await fixture.Client.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = clerkId.ToString(), grant = new[] { "Sample.Currencies" } }, Ct))
            .EnsureSuccessStatusCode();
        var granted = await clerk.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        granted.GetProperty("slotElements").EnumerateArray().ShouldHaveSingleItem().GetProperty("element").GetString().ShouldBe("erp-sample-currency-count");
        granted.GetProperty("screens").EnumerateArray().Select(s => s.GetProperty("path").GetString())
            .ShouldBe(["/screens/Erp.Sample/currencies"], "Sample.Currencies opens the currencies screen, not the rates'");
    }

    private async Task<(Guid Id, HttpClient Client)> SignedInClerkAsync()
    {
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..8];
        var id = await fixture.Host.CreateUserAsync(fixture.Client, userName, "Correct-Horse-42");
        return (id, await fixture.Host.CreateSignedInClientAsync(userName, "Correct-Horse-42"));
    }

    private static List<string> MenuRoutes(JsonElement config)
    {
        var routes = new List<string>();
        void Walk(JsonElement nodes)
        {
            foreach (var node in nodes.EnumerateArray())
            {
                if (node.GetProperty("route").GetString() is { } route) routes.Add(route);
                Walk(node.GetProperty("children"));
            }
        }

        Walk(config.GetProperty("menu"));
        return routes;
    }
}
