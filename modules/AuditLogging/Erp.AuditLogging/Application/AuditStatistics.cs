using Erp.AuditLogging.Data;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.AuditLogging.Application;

/// <summary>
/// The dashboard's audit activity: requests and entity changes per day in one aggregate query, held to the companies the
/// viewer works in (and to records of no company) as the viewer's searches are (<see cref="AuditSearch"/>); read from the
/// read replica.
/// </summary>
internal sealed class AuditStatistics([FromKeyedServices(ReadReplica.Key)] AuditDbContext db, ICurrentCompany company, TimeProvider clock)
{
    /// <summary>The last <paramref name="days"/> days up to today (UTC); the series is made in SQL, so quiet days are there as zeros.</summary>
    public async Task<AuditStatisticsDto> PerDayAsync(int days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);
        // A bound on occurred_at itself, so only the partitions of the range are read.
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var everyCompany = company.IsUnrestricted;
        var companies = company.Allowed.ToArray();
        // Columns named as the module's naming convention names the record's properties (snake_case).
        var rows = await db.Database.SqlQuery<AuditDayDto>($"""
            WITH activity AS (
                SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, true AS is_request, status >= 400 AS failed
                FROM audit.requests
                WHERE occurred_at >= {from} AND ({everyCompany} OR company_id IS NULL OR company_id = ANY({companies}))
                UNION ALL
                SELECT (occurred_at AT TIME ZONE 'UTC')::date, false, false
                FROM audit.entity_changes
                WHERE occurred_at >= {from} AND ({everyCompany} OR company_id IS NULL OR company_id = ANY({companies}))
            )
            SELECT days.day AS day,
                   count(a.day) FILTER (WHERE a.is_request)::int AS requests,
                   count(a.day) FILTER (WHERE a.is_request AND a.failed)::int AS failed_requests,
                   count(a.day) FILTER (WHERE NOT a.is_request)::int AS entity_changes
            FROM (SELECT {first} + n AS day FROM generate_series(0, {days - 1}) AS n) AS days
            LEFT JOIN activity a ON a.day = days.day
            GROUP BY days.day
            ORDER BY days.day
            """).ToListAsync(cancellationToken);
        return new AuditStatisticsDto(rows);
    }
}
