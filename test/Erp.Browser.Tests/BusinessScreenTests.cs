using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>
/// The business plugins' screens, opened from their menu entries as a user works: a quotation written, confirmed,
/// delivered in part and invoiced in the sales screen; the draft posted and paid in the invoices screen; what that left
/// in the warehouse in the stock screen, and on the dashboard's tiles; a product added (and a wrong one refused beside its
/// field) in the catalog.
/// </summary>
public sealed partial class BusinessScreenTests(SpaHostWithBusinessPlugins spa) : IClassFixture<SpaHostWithBusinessPlugins>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQuotation_GoesFromTheSalesScreen_ToAPaidInvoice_AndTheStockScreenShowsWhatLeft()
    {
        using var api = await spa.CreateApiClientAsync();
        await PrepareShopAsync(api);
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });

        await menu.GetByRole(AriaRole.Link, new() { Name = "Orders" }).ClickAsync();
        await page.WaitForURLAsync($"{spa.Origin}/screens/Erp.Sales/orders");
        var orders = page.Locator("erp-sales-orders");
        await Assertions.Expect(orders.GetByText("No quotations or orders yet.")).ToBeVisibleAsync();
        await orders.GetByRole(AriaRole.Button, new() { Name = "New quotation" }).ClickAsync();
        await orders.GetByLabel("Customer").SelectOptionAsync(new SelectOptionValue { Label = "Hanse Bau GmbH" });
        await orders.GetByLabel("Product (1)").SelectOptionAsync(new SelectOptionValue { Label = "DRILL-1 · Drill" });
        await orders.GetByLabel("Quantity (1)").FillAsync("4");
        await orders.GetByRole(AriaRole.Button, new() { Name = "Create quotation" }).ClickAsync();
        await Assertions.Expect(page.GetByText(CreatedQuotation())).ToBeVisibleAsync();
        var detail = orders.GetByRole(AriaRole.Region, new() { NameRegex = QuotationHeading() });
        await Assertions.Expect(detail).ToContainTextAsync("€119.00"); // 4 × 25.00 net, 19 % tax: the server's totals

        await detail.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText(ConfirmedOrder())).ToBeVisibleAsync();
        detail = orders.GetByRole(AriaRole.Region, new() { NameRegex = OrderHeading() });
        await detail.GetByLabel("To deliver: Line 1 Drill").FillAsync("3");
        await detail.GetByRole(AriaRole.Button, new() { Name = "Deliver" }).ClickAsync();
        await Assertions.Expect(page.GetByText(DeliveryRecorded())).ToBeVisibleAsync();
        await Assertions.Expect(detail).ToContainTextAsync("Delivery note"); // its note, to print
        await detail.GetByRole(AriaRole.Button, new() { Name = "Draft invoice" }).ClickAsync();
        await Assertions.Expect(page.GetByText(InvoiceDrafted())).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "sales-orders");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Invoices" }).ClickAsync();
        var invoices = page.Locator("erp-invoicing-invoices");
        await invoices.GetByRole(AriaRole.Button, new() { NameRegex = OpenDraft() }).ClickAsync();
        var invoice = invoices.GetByRole(AriaRole.Region, new() { NameRegex = DraftHeading() });
        await Assertions.Expect(invoice).ToContainTextAsync("€89.25"); // the 3 delivered units: 75.00 + 14.25 tax
        await Assertions.Expect(invoice).ToContainTextAsync("Tax 19 %€14.25");
        await invoice.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Assertions.Expect(page.GetByText(InvoicePosted())).ToBeVisibleAsync();
        invoice = invoices.GetByRole(AriaRole.Region, new() { NameRegex = PostedHeading() });
        await Assertions.Expect(invoice.GetByLabel("Amount")).ToHaveValueAsync("89.25");
        await invoice.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Payment of €89.25 recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(invoices.GetByRole(AriaRole.Region, new() { NameRegex = PaidHeading() })).ToBeVisibleAsync();
        await SpaHost.CaptureAsync(page, "invoices");

        // What the server says now: the invoice paid, the order's rest still reserved.
        var paid = await api.GetFromJsonAsync<JsonElement>("/api/invoicing/invoices?status=Paid", Ct);
        paid.GetProperty("total").GetInt32().ShouldBe(1);

        await menu.GetByRole(AriaRole.Link, new() { Name = "Stock" }).ClickAsync();
        var stock = page.Locator("erp-inventory-stock").GetByRole(AriaRole.Table, new() { Name = "Stock" });
        // 10 received, 3 delivered: 7 on hand, the 1 left to deliver reserved, 6 available: below the reorder level of 8.
        await Assertions.Expect(stock.GetByRole(AriaRole.Row).Filter(new() { HasText = "DRILL-1" })).ToContainTextAsync(new Regex(@"DRILL-1 · Drill\s*7\s*1\s*6\s*Low\s*8"));
        await SpaHost.CaptureAsync(page, "stock");

        // The dashboard's tile says so too, and opens the stock screen.
        await page.GotoAsync($"{spa.Origin}/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, admin" })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)"); // the plugins' tiles load once in view
        var tile = page.Locator("erp-inventory-low-stock");
        await Assertions.Expect(tile).ToContainTextAsync("1 below reorder level");
        await Assertions.Expect(tile.GetByRole(AriaRole.Listitem)).ToHaveTextAsync("DRILL-1 in MAIN: 6 of 8");
        // Sales' tile: today's order among the last 14 days' bars, with its net revenue.
        var sales = page.Locator("erp-sales-trend");
        await Assertions.Expect(sales).ToContainTextAsync("Orders confirmed: 1");
        await Assertions.Expect(sales).ToContainTextAsync("Net revenue (EUR)€100.00");
        await Assertions.Expect(sales.GetByRole(AriaRole.Img, new() { Name = "Orders confirmed per day" }).Locator("rect")).ToHaveCountAsync(14);
        await SpaHost.CaptureAsync(page, "dashboard-plugins");
        await tile.GetByRole(AriaRole.Button, new() { Name = "Open stock" }).PressAsync("Enter");
        await page.WaitForURLAsync($"{spa.Origin}/screens/Erp.Inventory/stock");
        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheProductsScreen_AddsAProduct_AndShowsWhatTheServerRefusedBesideItsField()
    {
        await using var context = await spa.Browser.NewContextAsync(new() { Locale = "de-DE", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await spa.SignInAsync(page, ErpHost.Admin, ErpHost.AdminPassword);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Artikel" }).ClickAsync();
        var products = page.Locator("erp-catalog-products");
        await Assertions.Expect(products.GetByRole(AriaRole.Heading, new() { Name = "Artikel", Exact = true })).ToBeVisibleAsync();

        // A SKU with a space: the browser lets it through, the server refuses it, the message goes beside the field.
        await products.GetByLabel("Artikelnummer").FillAsync("BAD SKU");
        await products.GetByLabel("Name").FillAsync("Hammer");
        await products.GetByLabel("Verkaufspreis").FillAsync("12.5");
        await products.GetByLabel("Währung").FillAsync("eur");
        await products.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await Assertions.Expect(products.GetByLabel("Artikelnummer")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(products.Locator("#sku-error")).Not.ToBeEmptyAsync();

        await products.GetByLabel("Artikelnummer").FillAsync("HAMMER-1");
        await products.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("HAMMER-1 angelegt.")).ToBeVisibleAsync();
        await Assertions.Expect(products.GetByRole(AriaRole.Table, new() { Name = "Artikel" })).ToContainTextAsync("12,50 €");
        await SpaHost.CaptureAsync(page, "products");
    }

    // A customer, a drill (stocked, 25.00 EUR, 19 % tax) with 10 units received into a warehouse, reordered below 8.
    private static async Task PrepareShopAsync(HttpClient api)
    {
        async Task<Guid> Created(string path, object body)
        {
            var response = await api.PostAsJsonAsync(path, body, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.DescribeAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        }

        await Created("/api/catalog/partners", new { number = "C-1", name = "Hanse Bau GmbH", isCustomer = true, isSupplier = false, currency = "EUR" });
        var drill = await Created("/api/catalog/products", new { sku = "DRILL-1", name = "Drill", kind = "Stocked", salesPrice = 25m, purchasePrice = 12m, currency = "EUR" });
        var warehouse = await Created("/api/inventory/warehouses", new { code = "MAIN", name = "Main", locations = new[] { new { code = "A", name = "Aisle A" } } });
        (await api.PostAsJsonAsync("/api/inventory/receipts",
            new { warehouseId = warehouse, reference = "PO-1", lines = new[] { new { productId = drill, quantity = 10m, unitCost = 12m } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PutAsJsonAsync($"/api/inventory/warehouses/{warehouse}/reorder-levels/{drill}", new { minimum = 8m }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex(@"Quotation \S+ created\.")]
    private static partial Regex CreatedQuotation();

    [GeneratedRegex(@"^Quotation \S+ Quotation$")]
    private static partial Regex QuotationHeading();

    [GeneratedRegex(@"\S+ confirmed as order SO-\d{4}-\d{5}\.")]
    private static partial Regex ConfirmedOrder();

    [GeneratedRegex(@"^Order SO-\d{4}-\d{5} Confirmed$")]
    private static partial Regex OrderHeading();

    [GeneratedRegex(@"Delivery \S+ recorded\.")]
    private static partial Regex DeliveryRecorded();

    [GeneratedRegex(@"Draft invoice of SO-\d{4}-\d{5} created")]
    private static partial Regex InvoiceDrafted();

    [GeneratedRegex(@"^Open Draft of SO-\d{4}-\d{5}$")]
    private static partial Regex OpenDraft();

    [GeneratedRegex(@"^Invoice Draft of SO-\d{4}-\d{5} Draft$")]
    private static partial Regex DraftHeading();

    [GeneratedRegex(@"Invoice \S+ posted\.")]
    private static partial Regex InvoicePosted();

    [GeneratedRegex(@"^Invoice \S+ Posted$")]
    private static partial Regex PostedHeading();

    [GeneratedRegex(@"^Invoice \S+ Paid$")]
    private static partial Regex PaidHeading();
}

/// <summary>The SPA served with the four business plugins.</summary>
public sealed class SpaHostWithBusinessPlugins : SpaHost
{
    protected override IReadOnlyList<string> Plugins => [TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing];
}
