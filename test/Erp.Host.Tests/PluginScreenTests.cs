using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// A plugin's screens: its UI files served under its version (cached for good, typed, nothing else of the plugin's folder),
/// and listed with their menu entries in <c>/api/app-config</c> for those who may open them.
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
        var screen = admin.GetProperty("screens").EnumerateArray().ShouldHaveSingleItem();
        screen.GetProperty("plugin").GetString().ShouldBe("Erp.Sample");
        screen.GetProperty("path").GetString().ShouldBe("/screens/Erp.Sample/rates-board");
        screen.GetProperty("element").GetString().ShouldBe("erp-sample-rates-board");
        screen.GetProperty("entry").GetString().ShouldBe(Entry);
        screen.GetProperty("sdk").GetInt32().ShouldBe(1);
        MenuRoutes(admin).ShouldContain("/screens/Erp.Sample/rates-board");

        var userName = "clerk" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Host.CreateUserAsync(fixture.Client, userName, "Correct-Horse-42");
        using var clerk = await fixture.Host.CreateSignedInClientAsync(userName, "Correct-Horse-42");
        var withoutGrant = await clerk.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        withoutGrant.GetProperty("screens").GetArrayLength().ShouldBe(0, "the screen needs Sample.ExchangeRates");
        MenuRoutes(withoutGrant).ShouldNotContain("/screens/Erp.Sample/rates-board");
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
