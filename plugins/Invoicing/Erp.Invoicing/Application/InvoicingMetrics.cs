using Erp.Invoicing.Data;
using Erp.Kernel.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Invoicing.Application;

/// <summary>Business metrics of invoicing for Prometheus and etc/grafana: invoices past their due date and what is still owed on them.</summary>
internal static class InvoicingMetrics
{
    // Posted and not yet paid in full (a paid one is Paid), due before today (UTC).
    private static readonly string Overdue = $"""
        FROM {InvoicingDbContext.Schema}.invoices i
        WHERE i.kind = 'Invoice' AND i.status = 'Posted' AND i.due_date < (now() AT TIME ZONE 'UTC')::date
        GROUP BY i.currency
        """;

    public static IServiceCollection AddInvoicingMetrics(this IServiceCollection services) => services
        .AddDatabaseGauge("Erp.Invoicing", "erp.invoicing.invoices.overdue", "{invoice}", "Invoices past their due date and not paid in full, by currency.",
            $"SELECT count(*), i.currency {Overdue}")
        .AddDatabaseGauge("Erp.Invoicing", "erp.invoicing.overdue.amount", "{currency_unit}", "What is still owed on overdue invoices, by currency.",
            $"SELECT sum(i.gross_total - coalesce((SELECT sum(p.amount) FROM {InvoicingDbContext.Schema}.payments p WHERE p.invoice_id = i.id), 0)), i.currency {Overdue}");
}
