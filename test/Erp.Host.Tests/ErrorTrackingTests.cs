using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Erp.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// Error tracking against a local receiver standing in for Sentry: it keeps every envelope the host's SDK posts. A 5xx is
/// reported with release, environment and the user's id and nothing else of them, credentials scrubbed; a 4xx never is.
/// </summary>
public sealed class ErrorTrackingTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ConcurrentQueue<string> _envelopes = new();
    private StandInServer _receiver = null!;
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _receiver = await StandInServer.StartAsync(sentry => sentry.MapPost("/api/{project}/envelope/", async (HttpRequest request) =>
        {
            var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var reader = new StreamReader(body, Encoding.UTF8);
            _envelopes.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok(new { id = Guid.NewGuid().ToString("N") });
        }), Ct);
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample, TestPlugins.Faulty],
            settings: new Dictionary<string, string?>
            {
                ["Sentry:Dsn"] = $"http://public@127.0.0.1:{_receiver.Port}/1",
                // Errors logged as production logs them, and the request lines, which a 5xx writes at Error.
                ["Serilog:MinimumLevel:Default"] = "Error",
                ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Error",
                ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A500_IsReportedWithReleaseEnvironmentAndUserId_CredentialsScrubbed_AndA4xxIsNot()
    {
        using var client = await _host.CreateSignedInClientAsync();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var userId = OidcFlow.SubjectOf(token);

        (await client.GetAsync($"/api/sample/currencies/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/faulty/boom?api_key=k-123", Ct)).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        // The SDK also reports what goes wrong elsewhere in this process (an unobserved task of another test's host): the boom's own.
        var boom = await EventAsync(e => e.GetRawText().Contains("leaked in a message", StringComparison.Ordinal));
        boom.GetProperty("release").GetString().ShouldStartWith("erp@");
        boom.GetProperty("environment").GetString().ShouldBe("production");
        var user = boom.GetProperty("user");
        user.EnumerateObject().Select(p => p.Name).ShouldBe(["id"], "the user's id and nothing else of them");
        user.GetProperty("id").GetString().ShouldBe(userId);
        var exception = boom.GetProperty("exception").GetProperty("values").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "System.InvalidOperationException");
        exception.GetProperty("value").GetString().ShouldBe("Connection password=[Filtered] leaked in a message");
        boom.GetProperty("request").GetProperty("url").GetString().ShouldEndWith("/api/faulty/boom");

        // Nothing sent carries a credential, and the 404 before it was never reported.
        await Task.Delay(1_000, Ct);
        var sent = string.Join("\n", _envelopes);
        foreach (var secret in new[] { "hunter2", token, "k-123" }) sent.ShouldNotContain(secret);
        sent.ShouldNotContain("NotFoundException");
        sent.ShouldNotContain("sample.currency.not-found");
        sent.ShouldNotContain("responded 500", Case.Insensitive, "the request's log line repeats the exception's event");
    }

    // The first event an envelope brought that matches, waiting for the SDK's background sender.
    private async Task<JsonElement> EventAsync(Func<JsonElement, bool> matches)
    {
        for (var waited = 0; waited < 150; waited++)
        {
            foreach (var envelope in _envelopes)
            {
                var lines = envelope.Split('\n');
                for (var i = 1; i + 1 < lines.Length; i++)
                {
                    if (!lines[i].Contains("\"type\":\"event\"", StringComparison.Ordinal)) continue;
                    var payload = JsonDocument.Parse(lines[i + 1]).RootElement;
                    if (matches(payload)) return payload;
                }
            }

            await Task.Delay(100, Ct);
        }

        throw new ShouldAssertException($"No such event in {_envelopes.Count} envelopes: {string.Join("\n", _envelopes)}");
    }
}
