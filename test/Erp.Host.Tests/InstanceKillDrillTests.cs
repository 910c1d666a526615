using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// The two-instance drill: two host processes behind nginx (etc/nginx/erp.conf's rules, etc/local/nginx.sh) under sign-in,
/// read and write traffic from an integration client; one instance is killed (SIGKILL) mid-run and started again. No
/// read fails (nginx retries it on the other instance), every write retried with its Idempotency-Key is answered 201 and
/// written once, the killed instance's readiness is red while it is down, and it serves again once back.
/// </summary>
public sealed class InstanceKillDrillTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(30), KillAt = TimeSpan.FromSeconds(6), BackAt = TimeSpan.FromSeconds(10);

    private string _database = "";
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _host = new ErpHost(_database, [TestPlugins.Sample]);
        await _host.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task OneInstanceKilledUnderLoad_NoReadFails_EveryRetriedWriteHappensOnce_AndThePoolRecovers()
    {
        var (clientId, secret) = await CreateIntegrationClientAsync();
        var a = _host.StartProcess();
        using var b = _host.StartProcess();
        await Task.WhenAll(ReadyAsync(a.Port), ReadyAsync(b.Port));
        using var nginx = new NginxProxy(a.Port, b.Port);

        var figures = new DrillFigures();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 4).Select(w => WorkAsync(w, nginx.Address, clientId, secret, clock, figures)).ToArray();

        await Task.Delay(KillAt, Ct);
        // The kill must hit an instance in use: on a busy machine two cold processes may take seconds over their first
        // requests, so A is killed once it has answered API requests (proof that the kill mattered, whatever was in flight).
        var (servedByABeforeTheKill, _) = await Eventually.ValueAsync(() => ServedAsync(a.Port), n => n > 0, TimeSpan.FromSeconds(20));
        servedByABeforeTheKill.ShouldBeGreaterThan(0, "A was taking its share of the traffic");
        a.Kill();
        var killedAt = clock.Elapsed;
        (await ReadinessAsync(a.Port)).ShouldBeNull("the killed instance answers nothing, so its readiness is red");

        await Task.Delay(BackAt - KillAt, Ct);
        using var back = _host.StartProcess(a.Port);
        await ReadyAsync(back.Port);
        var backAt = clock.Elapsed;
        await Task.WhenAll(workers);
        a.Dispose();

        figures.FailedReads.ShouldBe(0, "nginx retries a read on the other instance");
        figures.Conflicts.ShouldBe(0, "a retried write is answered from its first run, never refused as a duplicate");
        figures.UnfinishedWrites.ShouldBe(0);
        var written = await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM sample.currencies WHERE name LIKE 'Drill %'");
        written.ShouldBe(figures.Writes, "each write is in the database once");
        // nginx tries a failed upstream again after its fail_timeout (10 s): reads through it reach the returned instance.
        using var reader = new HttpClient { BaseAddress = nginx.Address };
        var (servedByBack, _) = await Eventually.ValueAsync(async () =>
        {
            for (var i = 0; i < 10; i++) (await reader.GetAsync("/api/sample/currencies", Ct)).Dispose(); // 401 without a token, answered by either instance
            return await ServedAsync(back.Port);
        }, n => n > 0, TimeSpan.FromSeconds(30));
        servedByBack.ShouldBeGreaterThan(0, "nginx sends requests to the instance again once it is back");

        DrillReport.Write($"Kill drill (2 instances behind nginx, 4 clients, {Run.TotalSeconds:F0} s; instance A killed at {killedAt.TotalSeconds:F1} s, "
            + $"back at {backAt.TotalSeconds:F1} s): {figures.Attempts} requests ({figures.SignIns} sign-ins, {figures.Reads} reads, {figures.Writes} writes), "
            + $"{figures.Attempts - figures.FailedAttempts} served, {figures.FailedAttempts} failed and retried by the client (writes and sign-ins); "
            + $"0 failed reads, 0 lost or duplicated writes; A served {servedByBack} API requests after its return");
    }

    // Sign in (client credentials), then read and write in turn, signing in again every 25 operations; a write that
    // fails is sent again with the same Idempotency-Key, as a client does after a timeout or a 502.
    private static async Task WorkAsync(int worker, Uri proxy, string clientId, string secret, Stopwatch clock, DrillFigures figures)
    {
        using var http = new HttpClient { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; clock.Elapsed < Run; i++)
        {
            if (i % 25 == 0)
            {
                var token = await RetriedAsync(figures, () => http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "erp_api",
                }), Ct));
                Interlocked.Increment(ref figures.SignIns);
                http.DefaultRequestHeaders.Authorization = new("Bearer", (await token!.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("access_token").GetString());
            }

            if (i % 2 == 0)
            {
                Interlocked.Increment(ref figures.Reads);
                using var read = await AttemptAsync(figures, () => http.GetAsync("/api/sample/currencies", Ct));
                if (read?.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref figures.FailedReads);
                continue;
            }

            var code = Code(worker, i);
            Interlocked.Increment(ref figures.Writes);
            using var written = await RetriedAsync(figures, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/sample/currencies") { Content = JsonContent.Create(new { code, name = $"Drill {code}" }) };
                request.Headers.Add("Idempotency-Key", $"drill-{code}");
                return http.SendAsync(request, Ct);
            });
            if (written is null) Interlocked.Increment(ref figures.UnfinishedWrites);
            else if (written.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref figures.Conflicts);
            else written.StatusCode.ShouldBe(HttpStatusCode.Created, await written.DescribeAsync());
        }
    }

    // Up to 20 attempts, 250 ms apart, while the answer is a transport failure or a 502-504 from the proxy.
    private static async Task<HttpResponseMessage?> RetriedAsync(DrillFigures figures, Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await AttemptAsync(figures, send) is { } answer) return answer;
            await Task.Delay(250, Ct);
        }

        return null;
    }

    private static async Task<HttpResponseMessage?> AttemptAsync(DrillFigures figures, Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref figures.Attempts);
        try
        {
            var answer = await send();
            if ((int)answer.StatusCode is >= 502 and <= 504)
            {
                answer.Dispose();
                Interlocked.Increment(ref figures.FailedAttempts);
                return null;
            }

            return answer;
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref figures.FailedAttempts);
            return null;
        }
    }

    // A currency code per write: three letters, unique across workers.
    private static string Code(int worker, int i)
    {
        var n = worker * 4000 + i;
        return string.Concat((char)('A' + n / 676 % 26), (char)('A' + n / 26 % 26), (char)('A' + n % 26));
    }

    private async Task<(string ClientId, string Secret)> CreateIntegrationClientAsync()
    {
        using var admin = await _host.CreateSignedInClientAsync();
        var created = await (await admin.PostAsJsonAsync("/api/identity/clients", new { clientId = "drill-client", displayName = "Drill" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        (await admin.PutAsJsonAsync("/api/permissions/grants",
            new { kind = "Client", key = "drill-client", grant = new[] { "Sample.Currencies", "Sample.Currencies.Manage" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return ("drill-client", created.GetProperty("clientSecret").GetString()!);
    }

    private static async Task ReadyAsync(int port)
    {
        var (status, _) = await Eventually.ValueAsync(() => ReadinessAsync(port), s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        status.ShouldBe(HttpStatusCode.OK);
    }

    // The instance's readiness as the load balancer's probe sees it; null when nothing answers.
    private static async Task<HttpStatusCode?> ReadinessAsync(int port)
    {
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var answer = await probe.GetAsync("/health/ready", Ct);
            return answer.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    // API requests the instance answered since it started, from its own metrics (read directly on loopback).
    private static async Task<double> ServedAsync(int port)
    {
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var metrics = await scraper.GetStringAsync("/metrics", Ct);
        return metrics.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("/api/sample/currencies", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class DrillFigures
    {
        public int Attempts, FailedAttempts, SignIns, Reads, Writes, FailedReads, Conflicts, UnfinishedWrites;
    }
}
