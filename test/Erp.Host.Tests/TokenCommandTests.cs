using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// <c>Erp.Host token --user NAME</c>: a developer's way to an access token for curl. It signs in to a running host through
/// the host's own sign-in page, so a wrong password gets nothing, as in the browser.
/// </summary>
public sealed class TokenCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheTokenCommand_SignsInToARunningHost_AndPrintsATokenItsApiAccepts_ButNotForAWrongPassword()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample], "Development");
        using var running = host.StartProcess();
        await running.WaitUntilLiveAsync(TimeSpan.FromMinutes(1));
        string[] command = ["token", "--user", ErpHost.Admin, "--url", $"http://127.0.0.1:{running.Port}", "--redirect-uri", OidcFlow.RedirectUri];

        var (exitCode, output) = await host.RunCommandWithInputAsync(ErpHost.AdminPassword + "\n", command);

        exitCode.ShouldBe(0, output);
        var token = output.Split('\n')[0].Trim(); // stdout holds the token alone, for TOKEN=$(…)
        token.Split('.').Length.ShouldBe(3, output);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{running.Port}") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var config = await api.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        config.GetProperty("user").GetProperty("name").GetString().ShouldBe(ErpHost.Admin);
        (await api.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (refusedCode, refusedOutput) = await host.RunCommandWithInputAsync("not-the-password\n", command);

        refusedCode.ShouldBe(1, refusedOutput);
        refusedOutput.ShouldContain($"Signing in as {ErpHost.Admin} failed");
        refusedOutput.Split('\n').ShouldNotContain(line => line.Trim().Split('.').Length == 3 && line.Trim().Length > 100, refusedOutput);
    }
}
