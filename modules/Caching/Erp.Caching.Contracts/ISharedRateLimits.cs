using System.Threading.RateLimiting;

namespace Erp.Caching;

/// <summary>
/// Rate limits that count across every instance: in Redis when it is configured and answering, so N instances do
/// not allow N times the limit; in the instance otherwise (no Redis, or Redis lost: requests are still limited,
/// per instance, never failed).
/// </summary>
public interface ISharedRateLimits
{
    /// <param name="policy">The limit's name, part of the shared key (e.g. <c>Authentication</c>).</param>
    /// <param name="partitionKey">Whom it counts (a client address, a user name).</param>
    RateLimitPartition<string> FixedWindow(string policy, string partitionKey, FixedWindowRateLimiterOptions options);
}
