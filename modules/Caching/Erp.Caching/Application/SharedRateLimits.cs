using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Erp.Caching.Application;

/// <summary>Fixed windows counted in Redis (RedisRateLimiting), each with an in-instance twin that counts while Redis cannot.</summary>
internal sealed class SharedRateLimits(IRedisConnection redis, ILogger<SharedRateLimits> logger) : ISharedRateLimits
{
    public RateLimitPartition<string> FixedWindow(string policy, string partitionKey, FixedWindowRateLimiterOptions options) =>
        RateLimitPartition.Get($"{policy}:{partitionKey}", key =>
        {
            var local = new FixedWindowRateLimiter(options);
            if (redis.Multiplexer is not { } multiplexer) return local;
            var shared = new RedisFixedWindowRateLimiter<string>($"{redis.KeyPrefix}rate-limit:{key}", new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => multiplexer,
                PermitLimit = options.PermitLimit,
                Window = options.Window,
            });
            return new RedisOrLocalLimiter(shared, local, multiplexer, logger);
        });
}

/// <summary>Asks Redis while it is connected; on any failure of Redis, or while disconnected, counts in the instance: a limit never fails a request.</summary>
internal sealed class RedisOrLocalLimiter(RateLimiter shared, RateLimiter local, IConnectionMultiplexer redis, ILogger logger) : RateLimiter
{
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    // The Redis limiter acquires only asynchronously (its synchronous attempt always fails, so callers go on to
    // AcquireAsync); the local one answers synchronously.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        redis.IsConnected ? shared.AttemptAcquire(permitCount) : local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return await local.AcquireAsync(permitCount, cancellationToken);
        try
        {
            return await shared.AcquireAsync(permitCount, cancellationToken);
        }
        // Any failure of the Redis call, not only RedisException and timeouts: a connection torn down mid-command also
        // surfaces as the pipe's InvalidOperationException ("Reading is not allowed after reader was completed").
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Rate limit counted in this instance: Redis did not answer");
            return await local.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}
