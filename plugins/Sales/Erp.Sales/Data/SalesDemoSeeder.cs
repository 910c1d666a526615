using Erp.Catalog;
using Erp.Companies;
using Erp.Inventory;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Erp.Sales.Application;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sales.Data;

/// <summary>
/// With demo data, the first company gets 100 quotations over the last 90 days, in every state: open and cancelled
/// quotations, confirmed orders (stock reserved), cancelled orders, part-delivered and delivered ones. Through the use
/// cases, so numbers, reservations and the stock ledger are what they would be. Only into a company without orders; the
/// same every time (the days count back from today).
/// </summary>
internal sealed class SalesDemoSeeder(
    SalesDbContext db, ICompanyDirectory companies, CompanyWork work, ICatalogProducts catalog, ICatalogPartners partners, IWarehouses warehouses,
    SalesOrderService orders, TimeProvider clock) : IDataSeeder
{
    public const int Orders = 100;

    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.IncludeDemoData || await companies.AllAsync(cancellationToken) is not [var company, ..]) return;
        work.RunIn(company.Id);
        if (await db.Orders.AnyAsync(cancellationToken)) return;
        var products = (await catalog.ListAsync(new ProductFilter(Active: true), 0, 200, cancellationToken)).Items;
        var customers = (await partners.ListAsync(new PartnerFilter(Role: "customer", Active: true), 0, 200, cancellationToken)).Items;
        // Sold from the central warehouse: the one with the most locations (inventory's demo seeder's Hamburg one).
        var warehouse = (await warehouses.ListAsync(company.Id, cancellationToken)).MaxBy(w => w.Locations.Count);
        if (warehouse is null || products.Count == 0 || customers.Count == 0) return;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < Orders; i++)
        {
            var day = today.AddDays(-90 + i * 90 / Orders);
            var lines = Enumerable.Range(0, 1 + i % 3)
                .Select(k => new SaveSalesOrderLine(products[(i * 7 + k * 11) % products.Count].Id, 1 + (i + k) % 5, DiscountPercent: i % 10 == 0 ? 5 : 0))
                .DistinctBy(l => l.ProductId).ToList();
            var quotation = await orders.CreateQuotationAsync(new SaveSalesOrderRequest(customers[i % customers.Count].Id, warehouse.Id, lines, OrderDate: day), cancellationToken);
            if (i % 10 == 0) continue; // an open quotation
            if (i % 10 == 1)
            {
                await orders.CancelAsync(quotation.Id, cancellationToken);
                continue;
            }

            var order = await orders.ConfirmAsync(quotation.Id, quotation.Version, cancellationToken);
            if (i % 10 == 2) continue; // confirmed, waiting for its delivery
            if (i % 10 == 3)
            {
                await orders.CancelAsync(order.Id, cancellationToken);
                continue;
            }

            var delivered = day.AddDays(2) > today ? today : day.AddDays(2);
            var parts = i % 10 == 4 ? order.Lines.Take(1).Select(l => new DeliverLine(l.Id, Math.Max(1, l.Quantity - 1))) : order.Lines.Select(l => new DeliverLine(l.Id, l.Quantity));
            await orders.DeliverAsync(order.Id, new DeliverSalesOrderRequest([.. parts], delivered), cancellationToken);
        }

        context.Report($"Sales demo data in '{company.Name}': {Orders} quotations and orders over the last 90 days");
    }
}
