using System.Net;
using System.Net.Sockets;
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

    /// <summary>
    /// Whose budget a request counts against: an IPv4 address, or an IPv6 address's /64 network. One IPv6 host is given a
    /// whole /64 and may send from any address in it, so counting per address would give it billions of budgets.
    /// </summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }

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
