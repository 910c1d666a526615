using System.Diagnostics.Metrics;
using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Users;
using Erp.Kernel;
using Erp.Kernel.Diagnostics;
using Erp.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Erp.Identity.Application;

/// <summary>
/// Writes and reads the security log. Each entry is saved at once: a failed sign-in has nothing else to save. The
/// actor is the current caller (user or integration client) unless the entry names one (work done for a caller
/// elsewhere, such as a grant change delivered as an event).
/// </summary>
internal sealed class SecurityLog(IdentityDbContext db, IHttpContextAccessor http, ICurrentUser caller, TimeProvider clock, SecurityMetrics metrics)
{
    public async Task WriteAsync(string action, User? user, string? userName = null, string? detail = null, string? clientId = null,
        SecurityActor? actor = null, CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext;
        db.SecurityLog.Add(new SecurityLogEntry(action, clock.GetUtcNow(), user?.Id, user?.UserName ?? Truncate(userName, UserLimits.MaxUserName),
            request?.Connection.RemoteIpAddress?.ToString(), NullIfEmpty(request?.Request.Headers.UserAgent.ToString()), clientId, Truncate(detail, 1000),
            actor ?? CurrentActor(caller)));
        await db.SaveChangesAsync(cancellationToken);
        metrics.Recorded(action);
    }

    public static SecurityActor? CurrentActor(ICurrentUser caller) =>
        caller.ActorName() is { } name ? new SecurityActor(caller.UserId, name) : null;

    /// <summary>One user's entries (<paramref name="userId"/>), or the whole log, newest first.</summary>
    public async Task<Page<SecurityLogEntryDto>> ListAsync(Guid? userId, int skip, int take, CancellationToken cancellationToken)
    {
        var entries = db.SecurityLog.AsNoTracking();
        if (userId is { } id) entries = entries.Where(e => e.UserId == id);
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.At).Skip(skip).Take(take)
            .Select(e => new SecurityLogEntryDto(e.Id, e.At, e.Action, e.UserName, e.IpAddress, e.UserAgent, e.ClientId, e.Detail, e.ActorName))
            .ToListAsync(cancellationToken);
        return new Page<SecurityLogEntryDto>(page, total, skip, take);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Truncate(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}

/// <summary>
/// Security events as a metric, by action (<c>SignInFailed</c>, <c>LockedOut</c>, <c>SignedIn</c>, ...): what alerts on
/// password guessing watch. Counted where the security log records them, so the two never disagree.
/// </summary>
internal sealed class SecurityMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _events = meters.Create("Erp.Identity").CreateCounter<long>("erp.identity.security_events", "{event}",
        "Security log entries by action: sign-ins, failed sign-ins, lockouts, password and two-factor changes.");

    public void Recorded(string action) => _events.Add(1, new KeyValuePair<string, object?>("action", action));
}

internal static class ActiveUsersMetric
{
    /// <summary>Users who signed in within the last 30 days, from the security log: a business metric for etc/grafana.</summary>
    public static IServiceCollection AddActiveUsersMetric(this IServiceCollection services) =>
        services.AddDatabaseGauge("Erp.Identity", "erp.identity.users.active", "{user}", "Users who signed in within the last 30 days.",
            $"SELECT count(DISTINCT user_id) FROM {IdentityDbContext.Schema}.security_log WHERE action = '{SecurityActions.SignedIn}' AND at >= now() - interval '30 days'");
}
