using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// What the README's run command seeds into the first company, through each plugin's use cases: a catalog, two warehouses
/// with stock, 100 orders in every state over the last 90 days, their invoices and payments: every screen has something to show.
/// </summary>
public sealed class DemoDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoData_GivesTheFirstCompanyABusinessToShow_Once()
    {
        var database = await TestDatabases.CreateEmptyAsync();
        await using var host = new ErpHost(database, [TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing]);
        await host.MigrateAsync(includeDemoData: true);
        await host.MigrateAsync(includeDemoData: true); // every migration seeds again: nothing doubles

        (await CountAsync(database, "catalog.products")).ShouldBe(50);
        (await CountAsync(database, "catalog.categories")).ShouldBe(5);
        (await CountAsync(database, "catalog.partners WHERE is_customer")).ShouldBe(20);
        (await CountAsync(database, "catalog.partners WHERE is_supplier")).ShouldBe(5);
        (await CountAsync(database, "catalog.price_lists")).ShouldBe(3);

        (await CountAsync(database, "inventory.warehouses")).ShouldBe(2);
        (await CountAsync(database, "(SELECT DISTINCT product_id FROM inventory.stock_balances WHERE on_hand > 0) p")).ShouldBe(50);
        (await CountAsync(database, "inventory.reorder_levels")).ShouldBe(10);
        (await CountAsync(database, "sales.orders")).ShouldBe(100);
        (await PostgresServer.ScalarAsync<string>(database, "SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM sales.orders"))
            .ShouldBe("Cancelled,Confirmed,Delivered,Quotation");
        (await CountAsync(database, "sales.orders WHERE status = 'Confirmed' AND EXISTS (SELECT 1 FROM sales.deliveries d WHERE d.order_id = orders.id)"))
            .ShouldBeGreaterThan(0, "part-delivered orders");
        (await CountAsync(database, "sales.orders WHERE order_date < current_date - 80")).ShouldBeGreaterThan(0, "orders spread over 90 days");
        (await CountAsync(database, "invoicing.invoices WHERE status = 'Paid'")).ShouldBeGreaterThan(10);
        (await CountAsync(database, "invoicing.invoices WHERE status = 'Posted' AND kind = 'Invoice'")).ShouldBeGreaterThan(5, "open and part-paid invoices");
        (await CountAsync(database, "invoicing.invoices WHERE status = 'Draft'")).ShouldBe(2);
        (await CountAsync(database, "invoicing.invoices WHERE kind = 'CreditNote'")).ShouldBe(1);
        (await CountAsync(database, "invoicing.payments WHERE offset_document_id IS NULL")).ShouldBeGreaterThan(10);
        await StockLedgerChecks.ShouldAgreeAsync(database);

        using var admin = await host.CreateSignedInClientAsync();
        var bulkBuyer = (await admin.GetFromJsonAsync<JsonElement>("/api/catalog/partners?search=C-1001", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var screws = (await admin.GetFromJsonAsync<JsonElement>("/api/catalog/products?search=FA-001", Ct)).GetProperty("items")[0];
        var price = await admin.GetFromJsonAsync<JsonElement>($"/api/catalog/prices?productId={screws.GetProperty("id")}&customerId={bulkBuyer}&quantity=500&day=2026-12-04", Ct);
        price.GetProperty("source").GetString().ShouldBe("CustomerPriceList");
        price.GetProperty("unitPrice").GetDecimal().ShouldBe(Math.Round(screws.GetProperty("salesPrice").GetDecimal() * 0.75m, 2));
    }

    private static Task<long> CountAsync(string database, string from) => PostgresServer.ScalarAsync<long>(database, $"SELECT count(*) FROM {from}");
}
