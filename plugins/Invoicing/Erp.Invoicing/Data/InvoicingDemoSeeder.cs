using Erp.Companies;
using Erp.Invoicing.Application;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Erp.Sales;
using Microsoft.EntityFrameworkCore;

namespace Erp.Invoicing.Data;

/// <summary>
/// With demo data, the first company's delivered orders (from the sales demo seeder) are invoiced a day after their last
/// delivery, oldest first, so numbers follow dates: most posted, some paid in full ten days later, some in part, some
/// still open, one corrected by a credit note, the newest two left as drafts. Through the use cases; the same every time.
/// </summary>
internal sealed class InvoicingDemoSeeder(InvoicingDbContext db, ICompanyDirectory companies, CompanyWork work, ISalesOrders orders, InvoiceService invoices, TimeProvider clock)
    : IDataSeeder
{
    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.IncludeDemoData || await companies.AllAsync(cancellationToken) is not [var company, ..]) return;
        work.RunIn(company.Id);
        if (await db.Invoices.AnyAsync(cancellationToken)) return;
        var delivered = (await orders.ListAsync(new SalesOrderFilter(CompanyId: company.Id), 0, 500, cancellationToken)).Items
            .Where(o => o.Deliveries.Count > 0).OrderBy(o => o.Deliveries.Max(d => d.Date)).ThenBy(o => o.Number, StringComparer.Ordinal).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (posted, paid) = (0, 0);
        for (var k = 0; k < delivered.Count; k++)
        {
            var order = delivered[k];
            var draft = await invoices.InvoiceOrderAsync(new InvoiceSalesOrderRequest(order.Id), cancellationToken);
            if (k >= delivered.Count - 2) continue; // the newest, still drafts
            var date = Earlier(order.Deliveries.Max(d => d.Date).AddDays(1), today);
            draft = await invoices.ChangeDraftAsync(draft.Id, new ChangeDraftRequest(date, null, null, draft.Version), cancellationToken);
            var invoice = await invoices.PostAsync(draft.Id, draft.Version, cancellationToken);
            posted++;
            if (k == 4)
                await invoices.CreditAsync(invoice.Id, new CreditInvoiceRequest("Damaged in transport", [new CreditLine(invoice.Lines[0].Id, 1)]), cancellationToken);
            var open = (await invoices.GetAsync(invoice.Id, cancellationToken)).Open;
            if (open == 0 || k % 3 == 0) continue; // settled by the credit note, or not paid yet
            var amount = k % 3 == 1 ? open : Math.Round(open / 2, 2);
            await invoices.PayAsync(invoice.Id, new RecordPaymentRequest(amount, Earlier(date.AddDays(10), today), $"Bank transfer {k + 1:000}"), cancellationToken);
            paid++;
        }

        context.Report($"Invoicing demo data in '{company.Name}': {posted} invoices posted, {paid} paid in full or in part, 1 credit note, 2 drafts");
    }

    private static DateOnly Earlier(DateOnly day, DateOnly today) => day > today ? today : day;
}
