using Erp.Kernel.Domain;
using System.Globalization;
using System.Threading.RateLimiting;
using Erp.Caching;
using Erp.Kernel.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Erp.Host.Hosting;

/// <summary>
/// The rate-limit policies endpoints opt into (<see cref="RateLimitPolicies"/>), per client address (an IPv6 client's
/// /64), with limits
/// from <c>RateLimiting:&lt;Policy&gt;</c>, counted across instances (<see cref="ISharedRateLimits"/>). Over the limit:
/// 429 problem details with Retry-After.
/// </summary>
internal static class RateLimits
{
    private static readonly Dictionary<string, (int Permits, int WindowSeconds)> Defaults = new()
    {
        [RateLimitPolicies.Authentication] = (10, 60),
        [RateLimitPolicies.Token] = (60, 60),
    };

    public static void AddErpRateLimits(this IServiceCollection services, IConfiguration configuration) => services.AddRateLimiter(o =>
    {
        foreach (var (policy, (permits, window)) in Defaults)
        {
            var options = RateLimitPolicies.FixedWindow(configuration, policy, permits, window);
            o.AddPolicy(policy, http => http.RequestServices.GetRequiredService<ISharedRateLimits>()
                .FixedWindow(policy, RateLimitPolicies.ClientPartition(http.Connection.RemoteIpAddress), options));
        }

        o.OnRejected = RejectAsync;
    });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, new LocalizableText(ProblemTypes.RateLimited, retryAfter));
    }
}
