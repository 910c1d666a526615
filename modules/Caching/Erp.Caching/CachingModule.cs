using System.Text.Json;
using Erp.Caching.Application;
using Erp.Caching.Data;
using Erp.Kernel.Hosting;
using Erp.Kernel.Modularity;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Erp.Caching;

/// <summary>
/// Caching and shared state. Every module caches through Microsoft's <c>HybridCache</c> abstraction, served by
/// FusionCache: an in-process L1, and with <c>ConnectionStrings:Redis</c> a Redis L2 plus a Redis backplane, so
/// a removal on one instance evicts the entry on every other one at once. Without Redis (the local default)
/// the cache is in-process only. Redis lost at run time: reads fall through to the modules' factories
/// (PostgreSQL), readiness reports Redis degraded, and the connection comes back by itself.
/// </summary>
public sealed class CachingModule : ErpModule
{
    /// <summary><c>Caching:KeyPrefix</c>, default <c>erp:</c>: the prefix of every key and channel in Redis.</summary>
    public const string KeyPrefixSetting = "Caching:KeyPrefix";

    public override void ConfigureServices(ModuleServices module)
    {
        var prefix = module.Configuration[KeyPrefixSetting] is { Length: > 0 } configured ? configured : "erp:";
        var redis = new RedisConnection(module.Configuration.GetConnectionString("Redis"), prefix);
        module.Services.AddSingleton<IRedisConnection>(_ => redis); // a factory, so the container disposes it
        module.Services.AddSingleton<ISharedRateLimits, SharedRateLimits>();

        var cache = module.Services.AddFusionCache()
            .WithOptions(o =>
            {
                o.CacheKeyPrefix = prefix;
                // While Redis is down, skip it for a moment instead of failing every call; the backplane re-sends
                // the evictions it could not deliver once Redis is back.
                o.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(2);
                o.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(2);
                o.EnableAutoRecovery = true;
            })
            .WithDefaultEntryOptions(o =>
            {
                // Every module's entries, in memory and in Redis: a change removes its entry on every instance (the
                // backplane), so the expiry only bounds one whose removal was lost. Modules pass no entry options of their
                // own for this: FusionCache's HybridCache adapter copies these defaults into new options on every call that
                // passes some, even on a hit.
                o.Duration = TimeSpan.FromMinutes(30);
                o.DistributedCacheHardTimeout = TimeSpan.FromSeconds(1);
                // Evictions go out before the call returns, so "changed on one instance" means "gone on all".
                o.AllowBackgroundBackplaneOperations = false;
                o.AllowBackgroundDistributedCacheOperations = false;
            })
            // Value tuples keep their values in fields: without IncludeFields a cached (a, b) would reach Redis as {}.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions { IncludeFields = true }))
            .AsHybridCache();
        if (!redis.IsConfigured) return;

        // Resolved through the container while the cache is built, so the container disposes the cache (and stops its
        // auto-recovery) before the connection, never the other way round.
        cache.WithDistributedCache(services => new RedisCache(new RedisCacheOptions { ConnectionMultiplexerFactory = MultiplexerOf(services) }))
            .WithBackplane(services => new RedisBackplane(new RedisBackplaneOptions { ConnectionMultiplexerFactory = MultiplexerOf(services) }));
        module.Services.AddHealthChecks()
            .AddRedis(_ => redis.Multiplexer!, name: "redis", failureStatus: HealthStatus.Degraded, tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(2));
    }

    private static Func<Task<IConnectionMultiplexer>> MultiplexerOf(IServiceProvider services)
    {
        var redis = services.GetRequiredService<IRedisConnection>();
        return () => Task.FromResult(redis.Multiplexer!);
    }
}
