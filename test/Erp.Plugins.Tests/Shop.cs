using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// A company ready to sell, for the sales and invoicing tests: a customer, a drill (stocked, 25.00 EUR) received into a
/// warehouse, a setup service; and the calls that take a quotation through its life.
/// </summary>
public sealed record Shop(HttpClient Client, Guid Company, Guid Customer, Guid Drill, Guid Setup, Guid Warehouse)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Year { get; } = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);

    public static (decimal Net, decimal Tax, decimal Gross) Amounts(JsonElement order) =>
        (order.GetProperty("netTotal").GetDecimal(), order.GetProperty("taxTotal").GetDecimal(), order.GetProperty("grossTotal").GetDecimal());

    public static Guid Id(JsonElement order) => order.GetProperty("id").GetGuid();

    public static Guid LineOf(JsonElement order, Guid product) =>
        order.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("productId").GetGuid() == product).GetProperty("id").GetGuid();

    public static async Task<JsonElement> QuoteAsync(Shop shop, params (Guid Product, decimal Quantity, decimal? UnitPrice, decimal Discount)[] lines) =>
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", Quotation(shop, lines), Ct)).ReadAsync<JsonElement>();

    public static QuotationRequest Quotation(Shop shop, params (Guid Product, decimal Quantity, decimal? UnitPrice, decimal Discount)[] lines) =>
        new(shop.Customer, shop.Warehouse, [.. lines.Select(l => new QuotationLine(l.Product, l.Quantity, l.UnitPrice, l.Discount))], null, 0);

    public static async Task<JsonElement> ConfirmAsync(Shop shop, JsonElement quotation) =>
        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(quotation)}/confirmation", new { version = quotation.GetProperty("version").GetUInt32() }, Ct))
            .ReadAsync<JsonElement>();

    public static async Task<JsonElement> Reread(Shop shop, JsonElement order) => await shop.Client.GetFromJsonAsync<JsonElement>($"/api/sales/orders/{Id(order)}", Ct);

    public static async Task<JsonElement> DeliverAsync(Shop shop, JsonElement order, params (Guid Line, decimal Quantity)[] lines) =>
        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{Id(order)}/deliveries",
            new { lines = lines.Select(l => new { orderLineId = l.Line, quantity = l.Quantity }) }, Ct)).ReadAsync<JsonElement>();

    /// <summary>A draft invoice of what the order delivered and did not invoice yet.</summary>
    public static async Task<JsonElement> InvoiceAsync(Shop shop, JsonElement order) =>
        await (await shop.Client.PostAsJsonAsync("/api/invoicing/invoices", new { salesOrderId = Id(order) }, Ct)).ReadAsync<JsonElement>();

    public static async Task<JsonElement> PostAsync(Shop shop, JsonElement draft) =>
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(draft)}/posting", new { version = draft.GetProperty("version").GetUInt32() }, Ct))
            .ReadAsync<JsonElement>();

    /// <summary>The drill's on-hand and reserved units in the shop's warehouse.</summary>
    public static async Task<(decimal OnHand, decimal Reserved)> StockAsync(Shop shop)
    {
        var stock = (await shop.Client.GetFromJsonAsync<JsonElement[]>($"/api/inventory/stock?productId={shop.Drill}&warehouseId={shop.Warehouse}", Ct))!.Single();
        return (stock.GetProperty("onHand").GetDecimal(), stock.GetProperty("reserved").GetDecimal());
    }

    /// <summary>A company with a customer, a drill (stocked, 25.00) received into a warehouse, and a setup service.</summary>
    public static async Task<Shop> CreateAsync(PluginHost fixture, string name, decimal stock, decimal? creditLimit = null)
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

    public sealed record QuotationRequest(Guid CustomerId, Guid WarehouseId, QuotationLine[] Lines, string? Currency, uint Version);

    public sealed record QuotationLine(Guid ProductId, decimal Quantity, decimal? UnitPrice, decimal DiscountPercent);
}
