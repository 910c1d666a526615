using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>Redis lost at run time: requests still succeed from PostgreSQL, readiness says degraded, and the host recovers by itself.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly RedisProcess _redis = new();
    private ErpHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _redis.Start();
        _host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
            settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = _redis.Configuration });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task RedisStopped_RequestsSucceed_ReadinessIsDegraded_AndRedisBack_IsHealthyAgain()
    {
        using var admin = await _host.CreateSignedInClientAsync();
        using var probe = _host.CreateClient();
        (await admin.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RedisStatusAsync(probe)).ShouldBe("Healthy");

        _redis.Stop();

        // A change that drops every cached permission set, then reads that must reload them from PostgreSQL.
        var role = await admin.PostAsJsonAsync("/api/identity/roles", new { name = "outage-" + Guid.NewGuid().ToString("N")[..8] }, Ct);
        role.StatusCode.ShouldBe(HttpStatusCode.Created);
        var roleId = (await role.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "Role", key = roleId.ToString(), grant = new[] { "Identity.Users" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/api/identity/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Rate limits fall back to counting in the instance: the limited token endpoint still answers, not 500.
        using (var token = await probe.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }), Ct))
            token.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var ready = await probe.GetAsync("/health/ready", Ct))
            ready.StatusCode.ShouldBe(HttpStatusCode.OK, "Redis down is degraded, not down: the instance still serves");
        (await RedisStatusAsync(probe)).ShouldBe("Degraded");

        _redis.Start();

        var (status, _) = await Eventually.ValueAsync(() => RedisStatusAsync(probe), s => s == "Healthy", TimeSpan.FromSeconds(15));
        status.ShouldBe("Healthy", "the connection to Redis comes back by itself");
        (await admin.GetAsync("/api/app-config", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> RedisStatusAsync(HttpClient probe)
    {
        var report = await probe.GetFromJsonAsync<JsonElement>("/health/ready", Ct);
        return report.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString()!;
    }
}
