using Erp.Kernel.Data;
using Erp.Sales.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Sales.Application;

/// <summary>The dashboard's sales figures: one aggregate query on the read replica, over the caller's companies.</summary>
internal sealed class SalesStatistics([FromKeyedServices(ReadReplica.Key)] SalesDbContext replica, TimeProvider clock)
{
    /// <summary>The last <paramref name="days"/> days up to today (UTC).</summary>
    public async Task<SalesStatisticsDto> DailyAsync(int days, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // An order counts on the day it was confirmed, as the erp_sales_orders_today metric counts it.
        var totals = await replica.Orders
            .Where(o => o.ConfirmedAt >= from && o.Status != SalesOrderStatus.Cancelled)
            .GroupBy(o => new { Day = DateOnly.FromDateTime(o.ConfirmedAt!.Value.DateTime), o.Currency })
            .Select(g => new { g.Key.Day, g.Key.Currency, Orders = g.Count(), NetTotal = g.Sum(o => o.NetTotal) })
            .ToListAsync(cancellationToken);
        var byDay = totals.ToLookup(t => t.Day);
        return new SalesStatisticsDto([.. Enumerable.Range(0, days).Select(first.AddDays).Select(day => new SalesDayDto(day,
            byDay[day].Sum(t => t.Orders),
            [.. byDay[day].OrderBy(t => t.Currency, StringComparer.Ordinal).Select(t => new CurrencyTotalDto(t.Currency, t.NetTotal))]))]);
    }
}
