using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// The business metrics Prometheus scrapes (and etc/grafana charts): orders and revenue today, overdue invoices and what
/// is owed on them, stock-outs, active users; read across every company under row-level security (an ordinary role).
/// </summary>
public sealed class BusinessMetricsTests(BusinessMetricsTests.Fixture fixture) : IClassFixture<BusinessMetricsTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConfirmedOrder_AnOverdueInvoice_AndAStockOut_AreMeasured()
    {
        var shop = await Shop.CreateAsync(fixture, "Metrics", stock: 5);
        var order = await Shop.ConfirmAsync(shop, await Shop.QuoteAsync(shop, (shop.Drill, 5m, 25m, 0m)));
        await Shop.QuoteAsync(shop, (shop.Drill, 1m, 25m, 0m)); // a quotation: no order yet
        await Shop.DeliverAsync(shop, order, (Shop.LineOf(order, shop.Drill), 5m));
        var invoice = await Shop.PostAsync(shop, await Shop.InvoiceAsync(shop, await Shop.Reread(shop, order)));
        (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Shop.Id(invoice)}/payments", new { amount = 48.75m }, Ct)).EnsureSuccessStatusCode();
        await PostgresServer.ExecuteAsync($"UPDATE invoicing.invoices SET due_date = current_date - 3 WHERE id = '{Shop.Id(invoice)}'", fixture.Database);

        using var instance = fixture.Host.StartProcess();
        await instance.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}") };
        var metrics = await scraper.GetStringAsync("/metrics", Ct);

        Value(metrics, "erp_sales_orders_today", "EUR").ShouldBe(1);
        Value(metrics, "erp_sales_revenue_today", "EUR").ShouldBe(125m);
        Value(metrics, "erp_invoicing_invoices_overdue", "EUR").ShouldBe(1);
        Value(metrics, "erp_invoicing_overdue_amount", "EUR").ShouldBe(Shop.Amounts(invoice).Gross - 48.75m);
        Value(metrics, "erp_inventory_stock_outs").ShouldBe(1, "the drill: 5 received, 5 delivered");
        Value(metrics, "erp_identity_users_active").ShouldBe(1, "the administrator signed in");
    }

    // The value of the series of `name` (for `currency`, when given) in Prometheus text.
    private static decimal Value(string metrics, string name, string? currency = null)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal)
            && (currency is null || l.Contains($"currency=\"{currency}\"", StringComparison.Ordinal)));
        line.ShouldNotBeNull($"no series {name}; the business series: {string.Join(" | ", metrics.Split('\n').Where(l => l.StartsWith("erp_", StringComparison.Ordinal)))}");
        return decimal.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing)
    {
        protected override bool AsOrdinaryRole => true;
    }
}
