using System.Net;
using System.Text;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>The host's log in Production, as its process writes it: one JSON object per line, a request's naming its caller by id.</summary>
public sealed class LogCallerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
            settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ARequestsLogLine_CarriesTraceSpanAndTheUsersId_AndNoneOfTheirNameOrToken()
    {
        using var signedIn = await _host.CreateSignedInClientAsync();
        var token = signedIn.DefaultRequestHeaders.Authorization!.Parameter!;
        var userId = OidcFlow.SubjectOf(token);
        using var process = _host.StartProcess();
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{process.Port}") };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;

        (await client.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/plugins", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        (await anonymous.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (lines, _) = await Eventually.ValueAsync(() => Task.FromResult(RequestLines(process)), found => found.Count >= 3, TimeSpan.FromSeconds(10));
        var currencies = lines.First(l => l.GetProperty("RequestPath").GetString() == "/api/sample/currencies" && l.GetProperty("StatusCode").GetInt32() == 200);
        currencies.GetProperty("UserId").GetString().ShouldBe(userId);
        currencies.GetProperty("@tr").GetString().ShouldNotBeNullOrEmpty();
        currencies.GetProperty("@sp").GetString().ShouldNotBeNullOrEmpty();
        lines.First(l => l.GetProperty("StatusCode").GetInt32() == 401).TryGetProperty("UserId", out _).ShouldBeFalse("nobody signed in");
        var log = string.Join("\n", process.Output);
        log.ShouldNotContain(token);
        log.ShouldNotContain(ErpHost.Admin + "\"", Case.Sensitive, "the user's name is not logged beside their id");
    }

    // The request lines (Serilog's one per request) the process logged so far.
    private static List<JsonElement> RequestLines(HostProcess process) =>
        [.. process.Output.Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(Encoding.UTF8.GetBytes(line)).RootElement)
            .Where(line => line.TryGetProperty("RequestPath", out _) && line.TryGetProperty("StatusCode", out _))];
}
