using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>What the README's run command seeds into the first company: a catalog every screen has something to show from.</summary>
public sealed class CatalogDemoDataTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoData_GivesTheFirstCompanyACatalog_Once()
    {
        var database = await TestDatabases.CreateEmptyAsync();
        await using var host = new ErpHost(database, [TestPlugins.Catalog]);
        await host.MigrateAsync(includeDemoData: true);
        await host.MigrateAsync(includeDemoData: true); // every migration seeds again: nothing doubles

        (await CountAsync(database, "catalog.products")).ShouldBe(50);
        (await CountAsync(database, "catalog.categories")).ShouldBe(5);
        (await CountAsync(database, "catalog.partners WHERE is_customer")).ShouldBe(20);
        (await CountAsync(database, "catalog.partners WHERE is_supplier")).ShouldBe(5);
        (await CountAsync(database, "catalog.price_lists")).ShouldBe(3);

        using var admin = await host.CreateSignedInClientAsync();
        var bulkBuyer = (await admin.GetFromJsonAsync<JsonElement>("/api/catalog/partners?search=C-1001", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var screws = (await admin.GetFromJsonAsync<JsonElement>("/api/catalog/products?search=FA-001", Ct)).GetProperty("items")[0];
        var price = await admin.GetFromJsonAsync<JsonElement>($"/api/catalog/prices?productId={screws.GetProperty("id")}&customerId={bulkBuyer}&quantity=500&day=2026-12-04", Ct);
        price.GetProperty("source").GetString().ShouldBe("CustomerPriceList");
        price.GetProperty("unitPrice").GetDecimal().ShouldBe(Math.Round(screws.GetProperty("salesPrice").GetDecimal() * 0.75m, 2));
    }

    private static Task<long> CountAsync(string database, string from) => PostgresServer.ScalarAsync<long>(database, $"SELECT count(*) FROM {from}");
}
