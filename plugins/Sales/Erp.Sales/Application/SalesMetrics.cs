using Erp.Kernel.Diagnostics;
using Erp.Sales.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Sales.Application;

/// <summary>Business metrics of sales for Prometheus and etc/grafana: orders and their net revenue today, by currency.</summary>
internal static class SalesMetrics
{
    // An order counts on the day it was confirmed (UTC) while it is not cancelled.
    private static readonly string ConfirmedToday = $"""
        FROM {SalesDbContext.Schema}.orders WHERE confirmed_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND status <> 'Cancelled'
        GROUP BY currency
        """;

    public static IServiceCollection AddSalesMetrics(this IServiceCollection services) => services
        .AddDatabaseGauge("Erp.Sales", "erp.sales.orders.today", "{order}", "Orders confirmed today (UTC) and not cancelled, by currency.",
            $"SELECT count(*), currency {ConfirmedToday}")
        .AddDatabaseGauge("Erp.Sales", "erp.sales.revenue.today", "{currency_unit}", "Net total of the orders confirmed today (UTC) and not cancelled, by currency.",
            $"SELECT sum(net_total), currency {ConfirmedToday}");
}
