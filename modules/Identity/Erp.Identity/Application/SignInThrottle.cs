using Erp.Identity.Domain;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Erp.Caching;
using Erp.Kernel.Http;
using Microsoft.Extensions.Configuration;

namespace Erp.Identity.Application;

/// <summary>
/// Limits attempts per account (password spraying from many addresses), beside the host's per-address limits and
/// the account lockout, counted across instances. An account's user name and email share one budget; a name no
/// account has is counted as typed. <c>RateLimiting:PerUserName:PermitLimit</c> per <c>WindowSeconds</c>.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private const string Policy = "PerUserName";
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    public SignInThrottle(ISharedRateLimits limits, IConfiguration configuration)
    {
        var options = RateLimitPolicies.FixedWindow(configuration, Policy, defaultPermits: 10, defaultWindowSeconds: 60);
        _window = options.Window;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => limits.FixedWindow(Policy, key, options));
    }

    /// <summary>Null when the attempt on <paramref name="account"/> (or, if none, on the name typed) may go ahead; otherwise how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(User? account, string typed, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(Key(account is null ? "name:" + typed : "account:" + account.Id), cancellationToken: cancellationToken);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    // Hashed: whatever is typed into the form, the shared key stays short and names nobody.
    private static string Key(string subject) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(subject.Trim().ToUpperInvariant())));

    public void Dispose() => _limiter.Dispose();
}
