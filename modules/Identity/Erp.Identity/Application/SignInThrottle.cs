using System.Threading.RateLimiting;
using Erp.Kernel.Http;
using Microsoft.Extensions.Configuration;

namespace Erp.Identity.Application;

/// <summary>
/// Limits attempts per user name (password spraying from many addresses), beside the host's per-address
/// limits and the account lockout. <c>RateLimiting:PerUserName:PermitLimit</c> per <c>WindowSeconds</c>.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    public SignInThrottle(IConfiguration configuration)
    {
        var options = RateLimitPolicies.FixedWindow(configuration, "PerUserName", defaultPermits: 10, defaultWindowSeconds: 60);
        _window = options.Window;
        _limiter = PartitionedRateLimiter.Create<string, string>(userName => RateLimitPartition.GetFixedWindowLimiter(userName, _ => options));
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string userName)
    {
        using var lease = _limiter.AttemptAcquire(userName.Trim().ToUpperInvariant());
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    public void Dispose() => _limiter.Dispose();
}
