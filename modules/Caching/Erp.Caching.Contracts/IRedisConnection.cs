using StackExchange.Redis;

namespace Erp.Caching;

/// <summary>
/// The one Redis connection of the host, for shared state that is not a cache entry (rate-limit counters,
/// locks). Without <c>ConnectionStrings:Redis</c> (the local default) there is none, and such state stays
/// per instance: callers check <see cref="Multiplexer"/> for null and fall back to their in-process form.
/// </summary>
public interface IRedisConnection
{
    /// <summary>The shared connection; null when Redis is not configured.</summary>
    IConnectionMultiplexer? Multiplexer { get; }

    /// <summary>Prefix for every key and channel this host writes, so several applications can share one Redis.</summary>
    string KeyPrefix { get; }
}
