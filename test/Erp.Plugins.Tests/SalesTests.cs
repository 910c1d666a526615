using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// The sales plugin over HTTP with the catalog and inventory: quotations priced and taxed on the server, confirmed into
/// orders that reserve stock and respect credit limits in one transaction with inventory, delivered in parts.
/// </summary>
public sealed class SalesTests(SalesTests.Fixture fixture) : IClassFixture<SalesTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Year = DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AQuotation_IsConfirmed_DeliveredInTwoParts_AndTheLedgerAgreesAtEveryStep()
    {
        var shop = await ShopAsync("Flow", stock: 10m);
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
    public async Task SixtyFourConcurrentConfirmations_OfTheLastTenUnits_ConfirmTen_AndNumberThemWithoutGaps()
    {
        var shop = await ShopAsync("Rush", stock: 10m);
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
        var shop = await ShopAsync("Credit", stock: 10m, creditLimit: 200m);
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
        var shop = await ShopAsync("Refusals", stock: 5m);
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
    public async Task GrossPrices_AndTaxesRoundedPerDocument_FollowTheCompanysSettings()
    {
        var shop = await ShopAsync("Gross", stock: 10m);
        var settings = await shop.Client.PutAsJsonAsync("/api/settings/company/Sales",
            new { values = new Dictionary<string, string?> { ["Sales.PricesIncludeTax"] = "true", ["Sales.TaxRounding"] = "document" } }, Ct);
        settings.StatusCode.ShouldBe(HttpStatusCode.NoContent, await settings.Content.ReadAsStringAsync(Ct));

        // Three lines of 0.10 gross at 19 %: exact tax 0.015966 each; per document 0.047899 rounds to 0.05 (per line it would be 3 x 0.02).
        var quotation = await QuoteAsync(shop, (shop.Drill, 1m, 0.1m, 0m), (shop.Drill, 1m, 0.1m, 0m), (shop.Drill, 1m, 0.1m, 0m));
        quotation.GetProperty("pricesIncludeTax").GetBoolean().ShouldBeTrue();
        Amounts(quotation).ShouldBe((0.25m, 0.05m, 0.3m));
    }

    private static (decimal Net, decimal Tax, decimal Gross) Amounts(JsonElement order) =>
        (order.GetProperty("netTotal").GetDecimal(), order.GetProperty("taxTotal").GetDecimal(), order.GetProperty("grossTotal").GetDecimal());

    private static Guid Id(JsonElement order) => order.GetProperty("id").GetGuid();

    private static Guid LineOf(JsonElement order, Guid product) =>
        order.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("productId").GetGuid() == product).GetProperty("id").GetGuid();

    private static async Task<JsonElement> QuoteAsync(Shop shop, params (Guid Product, decimal Quantity, decimal? UnitPrice, decimal Discount)[] lines) =>
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, lines), Ct)).ReadAsync<JsonElement>();

    private static QuotationRequest Quotation(Shop shop, params (Guid Product, decimal Quantity, decimal? UnitPrice, decimal Discount)[] lines) =>
        new(shop.Customer, shop.Warehouse, [.. lines.Select(l => new QuotationLine(l.Product, l.Quantity, l.UnitPrice, l.Discount))], null, 0);

    private static async Task<JsonElement> ConfirmAsync(Shop shop, JsonElement quotation) =>
        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(quotation)}/confirmation", new { version = quotation.GetProperty("version").GetUInt32() }, Ct))
            .ReadAsync<JsonElement>();

    private static async Task<JsonElement> Reread(Shop shop, JsonElement order) => await shop.Client.GetFromJsonAsync<JsonElement>($"/api/sales/orders/{Id(order)}", Ct);

    private static async Task<JsonElement> DeliverAsync(Shop shop, JsonElement order, params (Guid Line, decimal Quantity)[] lines) =>
        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(order)}/deliveries",
            new { lines = lines.Select(l => new { orderLineId = l.Line, quantity = l.Quantity }) }, Ct)).ReadAsync<JsonElement>();

    /// <summary>The drill's on-hand and reserved units in the shop's warehouse.</summary>
    private static async Task<(decimal OnHand, decimal Reserved)> StockAsync(Shop shop)
    {
        var stock = (await shop.Client.GetFromJsonAsync<JsonElement[]>($"/api/inventory/stock?productId={shop.Drill}&warehouseId={shop.Warehouse}", Ct))!.Single();
        return (stock.GetProperty("onHand").GetDecimal(), stock.GetProperty("reserved").GetDecimal());
    }

    /// <summary>A company with a customer, a drill (stocked, 25.00) received into a warehouse, and a setup service.</summary>
    private async Task<Shop> ShopAsync(string name, decimal stock, decimal? creditLimit = null)
    {
        var company = await fixture.Admin.CreateCompanyAsync(name);
        var client = await fixture.AdminInAsync(company);
        async Task<Guid> IdOf(HttpResponseMessage response) => (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var customer = await IdOf(await client.PostAsJsonAsync("/api/catalog/partners",
            new { number = "C-1", name = "Customer One", isCustomer = true, isSupplier = false, currency = "EUR", creditLimit }, Ct));
        var drill = await IdOf(await client.PostAsJsonAsync("/api/catalog/products",
            new { sku = "DRILL-1", name = "Drill", kind = "Stocked", salesPrice = 25m, purchasePrice = 12m, currency = "EUR" }, Ct));
        var setup = await IdOf(await client.PostAsJsonAsync("/api/catalog/products",
            new { sku = "SETUP", name = "Setup", kind = "Service", salesPrice = 60m, purchasePrice = 0m, currency = "EUR" }, Ct));
        var warehouse = await IdOf(await client.PostAsJsonAsync("/api/inventory/warehouses",
            new { code = "MAIN", name = "Main", locations = new[] { new { code = "A", name = "Aisle A" } } }, Ct));
        (await client.PostAsJsonAsync("/api/inventory/receipts",
            new { warehouseId = warehouse, reference = "PO-1", lines = new[] { new { productId = drill, quantity = stock, unitCost = 12m } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return new Shop(client, company, customer, drill, setup, warehouse);
    }

    private sealed record Shop(HttpClient Client, Guid Company, Guid Customer, Guid Drill, Guid Setup, Guid Warehouse);

    private sealed record QuotationRequest(Guid CustomerId, Guid WarehouseId, QuotationLine[] Lines, string? Currency, uint Version);

    private sealed record QuotationLine(Guid ProductId, decimal Quantity, decimal? UnitPrice, decimal DiscountPercent);

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales);
}
