using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;
using static Erp.Plugins.Tests.Shop;

namespace Erp.Plugins.Tests;

/// <summary>
/// The sales plugin over HTTP with the catalog and inventory: quotations priced and taxed on the server, confirmed into
/// orders that reserve stock and respect credit limits in one transaction with inventory, delivered in parts.
/// </summary>
public sealed class SalesTests(SalesTests.Fixture fixture) : IClassFixture<SalesTests.Fixture>
{
    private static readonly string Year = Shop.Year;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQuotation_IsConfirmed_DeliveredInTwoParts_AndTheLedgerAgreesAtEveryStep()
    {
        var shop = await Shop.CreateAsync(fixture, "Flow", stock: 10m);
        var quotation = await QuoteAsync(shop, (shop.Drill, 4m, null, 10m), (shop.Setup, 1m, 50m, 0m));
        quotation.GetProperty("quotationNumber").GetString().ShouldBe($"QT-{Year}-00001");
        quotation.GetProperty("status").GetString().ShouldBe("Quotation");
        // 4 drills at the catalog's 25.00 less 10 % = 90.00, setup 50.00; 19 % on both: 26.60 tax.
        Amounts(quotation).ShouldBe((140m, 26.6m, 166.6m));

        var order = await ConfirmAsync(shop, quotation);
        order.GetProperty("number").GetString().ShouldBe($"SO-{Year}-00001");
        order.GetProperty("status").GetString().ShouldBe("Confirmed");
        (await StockAsync(shop)).ShouldBe((10m, 4m));
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);

        var drillLine = LineOf(order, shop.Drill);
        var first = await DeliverAsync(shop, order, (drillLine, 3m));
        first.GetProperty("number").GetString().ShouldBe($"DN-{Year}-00001");
        (await StockAsync(shop)).ShouldBe((7m, 1m));
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);

        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(order)}/deliveries", new { lines = new[] { new { orderLineId = drillLine, quantity = 2m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "sales.delivery.exceeds-order");
        var second = await DeliverAsync(shop, order, (drillLine, 1m), (LineOf(order, shop.Setup), 1m));
        second.GetProperty("number").GetString().ShouldBe($"DN-{Year}-00002", "the refused delivery used no number");
        (await StockAsync(shop)).ShouldBe((6m, 0m));
        var delivered = await shop.Client.GetFromJsonAsync<JsonElement>($"/api/sales/orders/{Id(order)}", Ct);
        delivered.GetProperty("status").GetString().ShouldBe("Delivered");
        delivered.GetProperty("deliveries").GetArrayLength().ShouldBe(2);
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);

        var moves = (await shop.Client.GetFromJsonAsync<JsonElement>($"/api/inventory/moves?productId={shop.Drill}", Ct)).GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("quantity").GetDecimal(), m.GetProperty("reference").GetString())).ToList();
        moves.ShouldBe([("Delivery", -1m, $"DN-{Year}-00002"), ("Delivery", -3m, $"DN-{Year}-00001"), ("Receipt", 10m, "PO-1")]);
    }

    [Fact]
    public async Task RewritingAQuotation_ReplacesItsLinesAndTotals_WithTheVersionRead()
    {
        var shop = await Shop.CreateAsync(fixture, "Rewrite", stock: 5m);
        var quotation = await QuoteAsync(shop, (shop.Drill, 2m, null, 0m), (shop.Setup, 1m, null, 0m));
        var rewritten = await (await shop.Client.PutAsJsonAsync($"/api/sales/orders/{Id(quotation)}",
            Quotation(shop, (shop.Drill, 1m, 20m, 0m)) with { Version = quotation.GetProperty("version").GetUInt32() }, Ct)).ReadAsync<JsonElement>();
        rewritten.GetProperty("lines").GetArrayLength().ShouldBe(1);
        Amounts(rewritten).ShouldBe((20m, 3.8m, 23.8m));
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM sales.order_lines WHERE company_id = '{shop.Company}'"))
            .ShouldBe(1, "the replaced lines are gone, not left behind");
        await (await shop.Client.PutAsJsonAsync($"/api/sales/orders/{Id(quotation)}",
            Quotation(shop, (shop.Drill, 3m, null, 0m)) with { Version = quotation.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
    }

    [Fact]
    public async Task SixtyFourConcurrentConfirmations_OfTheLastTenUnits_ConfirmTen_AndNumberThemWithoutGaps()
    {
        var shop = await Shop.CreateAsync(fixture, "Rush", stock: 10m);
        var quotations = new List<JsonElement>();
        for (var i = 0; i < 64; i++) quotations.Add(await QuoteAsync(shop, (shop.Drill, 1m, null, 0m)));

        var answers = await Task.WhenAll(quotations.Select(q => Task.Run(() => shop.Client.PostAsJsonAsync(
            $"/api/sales/orders/{Id(q)}/confirmation", new { version = q.GetProperty("version").GetUInt32() }, Ct), Ct)));

        var confirmed = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        confirmed.Count.ShouldBe(10);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "inventory.stock.insufficient");
        var numbers = await Task.WhenAll(confirmed.Select(async c => (await c.ReadAsync<JsonElement>()).GetProperty("number").GetString()));
        numbers.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 10).Select(n => $"SO-{Year}-{n:D5}"));
        (await StockAsync(shop)).ShouldBe((10m, 10m));
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM sales.orders WHERE company_id = '{shop.Company}' AND status = 'Confirmed'")).ShouldBe(10);
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task AConfirmationOverTheCreditLimit_IsRefused_AndLeavesNoNumberAndNoReservation()
    {
        var shop = await Shop.CreateAsync(fixture, "Credit", stock: 10m, creditLimit: 200m);
        var first = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 4m, null, 0m))); // 119.00
        var second = await QuoteAsync(shop, (shop.Drill, 3m, null, 0m)); // 89.25: 208.25 in all

        var refused = await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(second)}/confirmation", new { version = second.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "sales.order.credit-limit");
        refused.GetProperty("detail").GetString()!.ShouldContain("200");
        (await StockAsync(shop)).ShouldBe((10m, 4m), "nothing reserved for the refused order");
        (await shop.Client.PostAsync($"/api/sales/orders/{Id(first)}/cancellation", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StockAsync(shop)).ShouldBe((10m, 0m), "the cancelled order's reservation is released");
        (await ConfirmAsync(shop, await Reread(shop, second))).GetProperty("number").GetString().ShouldBe($"SO-{Year}-00002", "the refusal used no number");
    }

    [Fact]
    public async Task BadSalesRequests_AreRefusedWithProblems_AndNothingIsWritten()
    {
        var shop = await Shop.CreateAsync(fixture, "Refusals", stock: 5m);
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, (shop.Drill, -1m, null, 0m)), Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, (Guid.NewGuid(), 1m, null, 0m)), Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.product.not-found");
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, (shop.Drill, 1m, null, 0m)) with { Currency = "USD" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "sales.order.currency-mismatch", "the catalog prices the drill in EUR");
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, (shop.Drill, 1m, null, 150m)), Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, (shop.Drill, 1m, null, 0m)) with { CustomerId = Guid.NewGuid() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.partner.not-found");
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM sales.orders WHERE company_id = '{shop.Company}'")).ShouldBe(0);

        var order = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 1m, null, 0m)));
        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(order)}/confirmation", new { version = order.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "sales.order.not-a-quotation");
        await (await shop.Client.PutAsJsonAsync($"/api/sales/orders/{Id(order)}", Quotation(shop, (shop.Drill, 2m, null, 0m)) with { Version = order.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "sales.order.not-a-quotation");
        await DeliverAsync(shop, order, (LineOf(order, shop.Drill), 1m));
        await (await shop.Client.PostAsync($"/api/sales/orders/{Id(order)}/cancellation", null, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "sales.order.delivered");
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
    }

    [Fact]
    public async Task Statistics_CountTodaysConfirmedOrders_OfTheCallersCompanies_WithoutQuotationsOrCancelledOnes()
    {
        var shop = await Shop.CreateAsync(fixture, "Statistics", stock: 20m);
        var other = await Shop.CreateAsync(fixture, "Statistics elsewhere", stock: 20m);
        await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 2m, 25m, 0m)));
        await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Setup, 1m, 60m, 10m)));
        var cancelled = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 1m, 25m, 0m)));
        (await shop.Client.PostAsync($"/api/sales/orders/{Id(cancelled)}/cancellation", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await QuoteAsync(shop, (shop.Drill, 5m, 25m, 0m)); // a quotation: no order
        await ConfirmAsync(other, await QuoteAsync(other, (other.Drill, 9m, 25m, 0m)));

        // A clerk of this company only: an administrator works in every company the tests make.
        var clerk = await fixture.MemberOfAsync(shop.Company, "Sales.Orders");
        var statistics = await clerk.GetFromJsonAsync<JsonElement>("/api/sales/statistics?days=3", Ct);
        var days = statistics.GetProperty("days").EnumerateArray().ToArray();
        days.Select(d => d.GetProperty("day").GetString()).ShouldBe(Enumerable.Range(-2, 3)
            .Select(n => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(n).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        days[0].GetProperty("orders").GetInt32().ShouldBe(0);
        days[0].GetProperty("revenue").GetArrayLength().ShouldBe(0, "a quiet day is there, as zeros");
        days[2].GetProperty("orders").GetInt32().ShouldBe(2, "today's confirmed orders of the clerk's company; not the quotation, the cancelled order or the other company's");
        var revenue = days[2].GetProperty("revenue").EnumerateArray().Single();
        revenue.GetProperty("currency").GetString().ShouldBe("EUR");
        revenue.GetProperty("netTotal").GetDecimal().ShouldBe(104m, "2 x 25.00 + 60.00 less 10 %");

        await (await clerk.GetAsync("/api/sales/statistics?days=0", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await clerk.GetAsync("/api/sales/statistics?days=367", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var buyer = await fixture.MemberOfAsync(shop.Company, "Catalog.Products");
        (await buyer.GetAsync("/api/sales/statistics", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GrossPrices_AndTaxesRoundedPerDocument_FollowTheCompanysSettings()
    {
        var shop = await Shop.CreateAsync(fixture, "Gross", stock: 10m);
        var settings = await shop.Client.PutAsJsonAsync("/api/settings/company/Sales",
            new { values = new Dictionary<string, string?> { ["Sales.PricesIncludeTax"] = "true", ["Sales.TaxRounding"] = "document" } }, Ct);
        settings.StatusCode.ShouldBe(HttpStatusCode.NoContent, await settings.DescribeAsync());

        // Three lines of 0.10 gross at 19 %: exact tax 0.015966 each; per document 0.047899 rounds to 0.05 (per line it would be 3 x 0.02).
        var quotation = await QuoteAsync(shop, (shop.Drill, 1m, 0.1m, 0m), (shop.Drill, 1m, 0.1m, 0m), (shop.Drill, 1m, 0.1m, 0m));
        quotation.GetProperty("pricesIncludeTax").GetBoolean().ShouldBeTrue();
        Amounts(quotation).ShouldBe((0.25m, 0.05m, 0.3m));
    }

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales);
}
