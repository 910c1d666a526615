using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// Metrics for Prometheus at <c>/metrics</c>, read only by a direct connection from an allowed network; and traces sent
/// over OTLP to a local receiver standing in for a collector, carrying the trace a request came with.
/// </summary>
public sealed partial class TelemetryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ConcurrentQueue<byte[]> _traceExports = new();
    private StandInServer _collector = null!;
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _collector = await StandInServer.StartAsync(collector => collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (signal == "traces") _traceExports.Enqueue(body.ToArray());
            return Results.Ok();
        }), Ct);
        // Development: the process's sign-in form works over plain HTTP (its cookies are not HTTPS-only).
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample], "Development", new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Origin,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100", // spans leave in batches every 100 ms, not every 5 s
            ["Metrics:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Metrics:AllowedNetworks:1"] = "192.168.10.0/24",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_ShowRequestsDatabasePoolsOutboxJobsAndFailedSignIns_ToAnAllowedNetworkOnly()
    {
        // The host as its own process, as production runs it: one host and its meters in the process, a real socket.
        using var signedIn = await _host.CreateSignedInClientAsync();
        using var process = _host.StartProcess();
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        var origin = new Uri($"http://127.0.0.1:{process.Port}");
        using var client = new HttpClient { BaseAddress = origin };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        (await client.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = origin };
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(ErpHost.BrowserUserAgent);
        (await new OidcFlow(browser).SubmitFormAsync("/account/sign-in", new() { ["userName"] = ErpHost.Admin, ["password"] = "Wrong-Horse-42" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "the page says the sign-in failed");

        // A scrape's answer is kept for a moment (the exporter's cache): read until the failed sign-in shows.
        var (metrics, _) = await Eventually.ValueAsync(() => client.GetStringAsync("/metrics", Ct), m => SignInFailures(m) > 0, TimeSpan.FromSeconds(15));
        SignInFailures(metrics).ShouldBe(1, $"the failed sign-in is counted; the platform's series: {string.Join(" | ", metrics.Split('\n').Where(l => l.StartsWith("erp_", StringComparison.Ordinal)))}");
        metrics.ShouldContain("http_server_request_duration_seconds_bucket{", Case.Sensitive, "request latency as a histogram");
        metrics.ShouldContain("http_route=\"/api/sample/currencies/\"");
        metrics.ShouldContain("db_client_connection_count{otel_scope_name=\"Npgsql\",otel_scope_version=\"0.1.0\",db_client_connection_pool_name=\"erp\"", Case.Sensitive,
            "Npgsql's pool, named so (the connection string is no label)");
        metrics.ShouldContain("erp_messaging_outbox_pending");
        metrics.ShouldContain("erp_messaging_outbox_lag_seconds");
        metrics.ShouldContain("erp_messaging_outbox_dead");
        metrics.ShouldMatch(@"fusioncache_cache_(hit|miss)_total\{", "cache hits and misses, for the hit ratio");
        metrics.ShouldContain("erp_jobs_count{otel_scope_name=\"Erp.BackgroundJobs\",state=\"failed\"}");
        metrics.ShouldContain("erp_jobs_servers{otel_scope_name=\"Erp.BackgroundJobs\"}");
        metrics.ShouldContain("dotnet_gc_collections_total", Case.Sensitive, "the runtime");

        // Not public: another network, anything forwarded by a proxy (even from loopback), and the load balancer's clients.
        (await SendAsync(IPAddress.Parse("192.168.10.7"))).Response.StatusCode.ShouldBe(StatusCodes.Status200OK, "a network Metrics:AllowedNetworks names");
        (await SendAsync(IPAddress.Parse("10.1.2.3"))).Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        (await SendAsync(IPAddress.Loopback, ("X-Forwarded-For", "127.0.0.1"))).Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        (await SendAsync(IPAddress.Loopback, ("Forwarded", "for=127.0.0.1"))).Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        (await signedIn.GetAsync("/metrics", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a client with no address it may read from");
    }

    [Fact]
    public async Task ARequestsTrace_ReachesTheCollector_WithTheTraceIdItCameWith()
    {
        using var admin = await _host.CreateSignedInClientAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sample/currencies");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await admin.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // OTLP's protobuf carries the trace id as its 16 bytes: the request's span, and the PostgreSQL commands under it.
        var id = Convert.FromHexString(traceId.ToHexString());
        var (spans, _) = await Eventually.ValueAsync(() => Task.FromResult(_traceExports.Sum(body => Occurrences(body, id))), found => found >= 2, TimeSpan.FromSeconds(15));
        spans.ShouldBeGreaterThanOrEqualTo(2, "the request's span and its database spans were exported under the caller's trace");
        _traceExports.Any(body => Occurrences(body, "postgresql"u8.ToArray()) > 0).ShouldBeTrue("Npgsql's spans are exported");
        var (redis, _) = await Eventually.ValueAsync(() => Task.FromResult(_traceExports.Any(body => Occurrences(body, "redis"u8.ToArray()) > 0)), found => found,
            TimeSpan.FromSeconds(15));
        redis.ShouldBeTrue("Redis commands (the shared cache's second level) are exported as spans");
    }

    // A request to /metrics as it would come over a connection from the address given (the in-memory server has none).
    private Task<HttpContext> SendAsync(IPAddress from, params (string Name, string Value)[] headers) =>
        _host.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = "/metrics";
            context.Connection.RemoteIpAddress = from;
            foreach (var (name, value) in headers) context.Request.Headers[name] = value;
        }, Ct);

    private static double SignInFailures(string metrics) =>
        SignInFailed().Match(metrics) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static int Occurrences(byte[] body, byte[] value)
    {
        var count = 0;
        for (var at = body.AsSpan().IndexOf(value); at >= 0; at = body.AsSpan(at + 1).IndexOf(value) is var next and >= 0 ? at + 1 + next : -1) count++;
        return count;
    }

    [GeneratedRegex(@"erp_identity_security_events_total\{[^}]*action=""sign-in-failed""[^}]*\} (\d+)")]
    private static partial Regex SignInFailed();
}
