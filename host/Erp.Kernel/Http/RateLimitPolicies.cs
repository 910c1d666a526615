using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Erp.Kernel.Http;

/// <summary>
/// Rate-limit policies the host defines from configuration (<c>RateLimiting:&lt;Policy&gt;:PermitLimit</c> and
/// <c>WindowSeconds</c>, per client address); endpoints opt in with <c>RequireRateLimiting(name)</c>.
/// Over the limit: 429 <c>rate-limited</c> with Retry-After.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-in, two-factor, password reset and registration: few attempts per address.</summary>
    public const string Authentication = "Authentication";

    /// <summary>The token endpoint: code exchange, refresh and client credentials.</summary>
    public const string Token = "Token";

    /// <summary>The limit of <paramref name="policy"/>: <c>RateLimiting:&lt;policy&gt;:PermitLimit</c> per <c>WindowSeconds</c>, no queue.</summary>
    public static FixedWindowRateLimiterOptions FixedWindow(IConfiguration configuration, string policy, int defaultPermits, int defaultWindowSeconds)
    {
        var section = configuration.GetSection($"RateLimiting:{policy}");
        return new FixedWindowRateLimiterOptions
        {
            PermitLimit = section.GetValue("PermitLimit", defaultPermits),
            Window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", defaultWindowSeconds)),
            QueueLimit = 0,
        };
    }
}
