using System.Net;
using System.Threading.RateLimiting;
using Erp.Caching.Application;
using Erp.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using StackExchange.Redis;

namespace Erp.Platform.Tests;

/// <summary>A rate limit counts requests across instances: two instances do not allow twice the limit.</summary>
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int Limit = 6;
    private ErpHost _a = null!, _b = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        var settings = new Dictionary<string, string?> { ["RateLimiting:Token:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        _a = new ErpHost(database, [TestPlugins.Sample], settings: settings);
        _b = new ErpHost(database, [TestPlugins.Sample], settings: settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task TheTokenEndpointsLimit_CountsRequestsToBothInstances()
    {
        using var a = _a.CreateBrowser();
        using var b = _b.CreateBrowser();
        for (var i = 0; i < Limit; i++)
            (await BadTokenRequestAsync(i % 2 == 0 ? a : b)).ShouldBe(HttpStatusCode.Unauthorized, $"request {i + 1} of {Limit} is within the limit");

        (await BadTokenRequestAsync(a)).ShouldBe(HttpStatusCode.TooManyRequests, "each instance saw only half the limit, but the count is shared");
        (await BadTokenRequestAsync(b)).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ARedisCallFailingInAnyWay_IsCountedInTheInstance_InsteadOfFailingTheRequest()
    {
        // Seen in CI: a connection torn down mid-command surfaced as the pipe's InvalidOperationException, and sign-ins
        // answered 500 until the limiter let any failure of Redis fall back.
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Configuration);
        using var limiter = new RedisOrLocalLimiter(new FailingLimiter(new InvalidOperationException("Reading is not allowed after reader was completed.")),
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) }), redis, NullLogger.Instance);
        using (var first = await limiter.AcquireAsync(1, Ct)) first.IsAcquired.ShouldBeTrue();
        using (var second = await limiter.AcquireAsync(1, Ct)) second.IsAcquired.ShouldBeFalse("counted in the instance, whose limit of one holds");
    }

    private sealed class FailingLimiter(Exception failure) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw failure;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => ValueTask.FromException<RateLimitLease>(failure);
    }

    // A request the token endpoint refuses (401, unknown client) still counts against the limit, as a guessing client's would.
    private static async Task<HttpStatusCode> BadTokenRequestAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "nobody", ["client_secret"] = "wrong",
        }), Ct);
        return response.StatusCode;
    }
}
