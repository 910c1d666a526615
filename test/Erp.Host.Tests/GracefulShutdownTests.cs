using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// An instance asked to stop (SIGTERM) tells the load balancer first: its readiness goes red at once while it still
/// answers, and it ends cleanly once the drain has passed.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?> { ["Shutdown:DrainSeconds"] = "3" });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheImagesHealthCheck_TheProbeCommand_FollowsReadiness()
    {
        using var process = _host.StartProcess();
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        var ready = $"http://127.0.0.1:{process.Port}/health/ready";
        await Eventually.ValueAsync(async () => (await _host.RunCommandAsync("probe", ready)).ExitCode, code => code == 0, TimeSpan.FromSeconds(30));
        var (healthy, said) = await _host.RunCommandAsync("probe", ready);
        healthy.ShouldBe(0, said);
        said.ShouldContain(": 200");

        process.Kill();
        var (down, why) = await _host.RunCommandAsync("probe", ready);
        down.ShouldBe(1, why);
    }

    [Fact]
    public async Task OnSigterm_ReadinessGoesRedAtOnce_TheInstanceStillAnswersThroughTheDrain_ThenEndsCleanly()
    {
        using var process = _host.StartProcess();
        await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{process.Port}") };
        var (ready, _) = await Eventually.StatusAsync(() => client.GetAsync("/health/ready"), HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        ready.ShouldBe(HttpStatusCode.OK);

        process.Terminate();
        var (draining, took) = await Eventually.StatusAsync(() => client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(2));
        draining.ShouldBe(HttpStatusCode.ServiceUnavailable, "readiness goes red as soon as the instance is asked to stop");
        (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK, $"it still serves while it drains ({took.TotalMilliseconds:0} ms after SIGTERM)");

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, "it ends cleanly once drained");
    }
}
