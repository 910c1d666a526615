using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Users;
using Erp.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Erp.Identity.Application;

/// <summary>Writes and reads the security log. Each entry is saved at once: a failed sign-in has nothing else to save.</summary>
internal sealed class SecurityLog(IdentityDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public async Task WriteAsync(string action, User? user, string? userName = null, string? detail = null, string? clientId = null,
        CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext;
        db.SecurityLog.Add(new SecurityLogEntry(action, clock.GetUtcNow(), user?.Id, user?.UserName ?? Truncate(userName, UserLimits.MaxUserName),
            request?.Connection.RemoteIpAddress?.ToString(), NullIfEmpty(request?.Request.Headers.UserAgent.ToString()), clientId, Truncate(detail, 1000)));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Page<SecurityLogEntryDto>> ListAsync(Guid userId, int skip, int take, CancellationToken cancellationToken)
    {
        var entries = db.SecurityLog.AsNoTracking().Where(e => e.UserId == userId);
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries.OrderByDescending(e => e.At).Skip(skip).Take(take)
            .Select(e => new SecurityLogEntryDto(e.Id, e.At, e.Action, e.UserName, e.IpAddress, e.UserAgent, e.ClientId, e.Detail))
            .ToListAsync(cancellationToken);
        return new Page<SecurityLogEntryDto>(page, total, skip, take);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Truncate(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}
