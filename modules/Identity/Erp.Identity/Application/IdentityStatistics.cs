using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Statistics;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Identity.Application;

/// <summary>The dashboard's figures about users and sign-ins, each one aggregate query on the read replica.</summary>
internal sealed class IdentityStatistics([FromKeyedServices(ReadReplica.Key)] IdentityDbContext db, TimeProvider clock)
{
    private static readonly string[] Successes = [SecurityActions.SignedIn, SecurityActions.RecoveryCodeUsed];
    private static readonly string[] Failures = [SecurityActions.SignInFailed, SecurityActions.TwoFactorFailed, SecurityActions.LockedOut];

    public async Task<UserStatisticsDto> UsersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Columns named as the module's naming convention names the record's properties (snake_case).
        var counts = await db.Database.SqlQuery<UserCounts>($"""
            SELECT count(*)::int AS total,
                   count(*) FILTER (WHERE lockout_end > {now})::int AS locked,
                   count(*) FILTER (WHERE password_hash IS NULL AND (lockout_end IS NULL OR lockout_end <= {now}))::int AS invited
            FROM identity.users
            """).SingleAsync(cancellationToken);
        return new UserStatisticsDto(counts.Total, counts.Total - counts.Locked - counts.Invited, counts.Locked, counts.Invited);
    }

    /// <summary>The last <paramref name="days"/> days up to today (UTC); the series is made in SQL, so quiet days are there as zeros.</summary>
    public async Task<SignInStatisticsDto> SignInsAsync(int days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = await db.Database.SqlQuery<SignInDayDto>($"""
            SELECT days.day AS day,
                   count(e.id) FILTER (WHERE e.action = ANY({Successes}))::int AS succeeded,
                   count(e.id) FILTER (WHERE e.action = ANY({Failures}))::int AS failed
            FROM (SELECT {first} + n AS day FROM generate_series(0, {days - 1}) AS n) AS days
            LEFT JOIN identity.security_log e ON e.at >= {from} AND (e.at AT TIME ZONE 'UTC')::date = days.day
            GROUP BY days.day
            ORDER BY days.day
            """).ToListAsync(cancellationToken);
        return new SignInStatisticsDto(rows);
    }

    private sealed record UserCounts(int Total, int Locked, int Invited);
}
