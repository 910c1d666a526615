using Erp.Catalog;
using Erp.Companies;
using Erp.Inventory.Application;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Data;

/// <summary>
/// With demo data, the first company (whose catalog the catalog's demo seeder filled) gets two warehouses and stock of
/// every product: bought in two deliveries at different prices (so average costs move), some of it moved to the branch,
/// a stock-taking's corrections, and reorder levels. Through the use cases, so the ledger, balances and costs agree.
/// Only into a company without warehouses; the same every time.
/// </summary>
internal sealed class InventoryDemoSeeder(
    InventoryDbContext db, ICompanyDirectory companies, CompanyWork work, ICatalogProducts catalog, WarehouseService warehouses, StockService stock) : IDataSeeder
{
    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.IncludeDemoData || await companies.AllAsync(cancellationToken) is not [var company, ..]) return;
        work.RunIn(company.Id);
        if (await db.Warehouses.AnyAsync(cancellationToken)) return;
        var products = (await catalog.ListAsync(new ProductFilter(Active: true), 0, 200, cancellationToken)).Items.Where(p => p.Kind == ProductKind.Stocked).ToList();
        if (products.Count == 0) return;

        var central = await warehouses.CreateAsync(new SaveWarehouseRequest("HAM", "Hamburg central",
            [new(null, "A-01", "Aisle A, shelf 1"), new(null, "A-02", "Aisle A, shelf 2"), new(null, "B-01", "Bulk store")]), cancellationToken);
        var branch = await warehouses.CreateAsync(new SaveWarehouseRequest("BER", "Berlin branch",
            [new(null, "R-01", "Shop floor"), new(null, "R-02", "Back room")]), cancellationToken);

        // Two purchases, the second a little dearer: each product's average cost lies between the two prices.
        await stock.ReceiveAsync(new ReceiveStockRequest(central.Id, null, "PO-DEMO-001",
            [.. products.Select((p, i) => new ReceiptLine(p.Id, 40 + i % 5 * 20, p.PurchasePrice))]), cancellationToken);
        await stock.ReceiveAsync(new ReceiveStockRequest(central.Id, central.Locations[2].Id, "PO-DEMO-002",
            [.. products.Where((_, i) => i % 2 == 0).Select(p => new ReceiptLine(p.Id, 30, Math.Round(p.PurchasePrice * 1.08m, 2)))]), cancellationToken);
        await stock.ReceiveAsync(new ReceiveStockRequest(branch.Id, null, "PO-DEMO-003",
            [.. products.Where((_, i) => i % 3 == 0).Select(p => new ReceiptLine(p.Id, 15, p.PurchasePrice))]), cancellationToken);
        foreach (var product in products.Where((_, i) => i % 7 == 0))
            await stock.TransferAsync(new TransferStockRequest(product.Id, central.Locations[0].Id, branch.Locations[1].Id, 5, "TR-DEMO"), cancellationToken);

        // A stock-taking found two short and one over.
        await stock.AdjustAsync(new AdjustStockRequest(central.Locations[0].Id, products[3].Id, -2, AdjustmentReason.Damaged, "Dropped from the shelf"), cancellationToken);
        await stock.AdjustAsync(new AdjustStockRequest(central.Locations[0].Id, products[11].Id, -1, AdjustmentReason.Lost, null), cancellationToken);
        await stock.AdjustAsync(new AdjustStockRequest(central.Locations[0].Id, products[20].Id, 3, AdjustmentReason.Counted, null), cancellationToken);
        foreach (var product in products.Take(10)) await warehouses.SetReorderLevelAsync(central.Id, product.Id, 30, cancellationToken);

        context.Report($"Inventory demo data in '{company.Name}': 2 warehouses, stock of {products.Count} products, 10 reorder levels");
    }
}
