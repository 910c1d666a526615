using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// Fields and workflows administrators give the business plugins' entities at run time (low-code extensions): products,
/// partners, sales orders and invoices carry them in their own API, saved with the row or not at all, and a workflow's
/// read-only state holds an order or a draft invoice as the plugin's own rules would.
/// </summary>
public sealed class ExtraFieldTests(ExtraFieldTests.Fixture fixture) : IClassFixture<ExtraFieldTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProductsAndPartners_CarryTheirExtraFields_AndABadValueWritesNothing()
    {
        var admin = fixture.Admin;
        await ExtendAsync("catalog.product", [new { name = "shelf", label = "Shelf", type = "Text", maxLength = 10 }, new { name = "hazardous", label = "Hazardous", type = "Boolean" }]);
        await ExtendAsync("catalog.partner", [new { name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" } }]);
        var shop = await Shop.CreateAsync(fixture, "Extra fields", stock: 5);

        var created = await (await shop.Client.PostAsJsonAsync("/api/catalog/products",
            new { sku = "SAW-1", name = "Saw", kind = "Stocked", salesPrice = 30m, purchasePrice = 15m, currency = "EUR", extra = new { shelf = "B-12", hazardous = true } }, Ct))
            .ReadAsync<JsonElement>();
        created.GetProperty("extra").GetProperty("shelf").GetString().ShouldBe("B-12");
        var saw = Shop.Id(created);
        var listed = await shop.Client.GetFromJsonAsync<JsonElement>("/api/catalog/products?search=SAW", Ct);
        listed.GetProperty("items")[0].GetProperty("extra").GetProperty("hazardous").GetBoolean().ShouldBeTrue();

        // A change that leaves a field out keeps its value; a wrong one is refused beside its field, and the product stays as it was.
        var changed = await (await shop.Client.PutAsJsonAsync($"/api/catalog/products/{saw}",
            new { sku = "SAW-1", name = "Hand saw", kind = "Stocked", salesPrice = 30m, purchasePrice = 15m, currency = "EUR", version = created.GetProperty("version").GetUInt32(),
                extra = new { shelf = "C-1" } }, Ct)).ReadAsync<JsonElement>();
        (changed.GetProperty("extra").GetProperty("shelf").GetString(), changed.GetProperty("extra").GetProperty("hazardous").GetBoolean()).ShouldBe(("C-1", true));
        var problem = await (await shop.Client.PutAsJsonAsync($"/api/catalog/products/{saw}",
            new { sku = "SAW-1", name = "Renamed", kind = "Stocked", salesPrice = 30m, purchasePrice = 15m, currency = "EUR", version = changed.GetProperty("version").GetUInt32(),
                extra = new { shelf = "far too long for a shelf" } }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["extra.shelf"]);
        (await shop.Client.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{saw}", Ct)).GetProperty("name").GetString().ShouldBe("Hand saw");

        // A value that is none of the choices: no partner is created.
        problem = await (await shop.Client.PostAsJsonAsync("/api/catalog/partners",
            new { number = "C-2", name = "Customer Two", isCustomer = true, currency = "EUR", extra = new { tier = "platinum" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["extra.tier"]);
        (await shop.Client.GetFromJsonAsync<JsonElement>("/api/catalog/partners?search=C-2", Ct)).GetProperty("total").GetInt32().ShouldBe(0);
        var partner = await (await shop.Client.PostAsJsonAsync("/api/catalog/partners",
            new { number = "C-2", name = "Customer Two", isCustomer = true, currency = "EUR", extra = new { tier = "gold" } }, Ct)).ReadAsync<JsonElement>();
        (await shop.Client.GetFromJsonAsync<JsonElement>($"/api/catalog/partners/{Shop.Id(partner)}", Ct)).GetProperty("extra").GetProperty("tier").GetString().ShouldBe("gold");
        (await PostgresServer.ScalarAsync<string>(fixture.Database, $"SELECT x_tier FROM catalog.partners WHERE id = '{Shop.Id(partner)}'")).ShouldBe("gold");

        // The catalog's extensions are admin's to change, not a clerk's who manages products.
        using var clerk = await fixture.MemberOfAsync(shop.Company, "Catalog.Products", "Catalog.Products.Manage");
        (await clerk.PutAsJsonAsync("/api/low-code/extensions/catalog.product", new { fields = Array.Empty<object>(), version = 1 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        async Task ExtendAsync(string entity, object[] fields) =>
            (await admin.PutAsJsonAsync($"/api/low-code/extensions/{entity}", new { fields, version = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AHoldOnASalesOrder_StopsItsConfirmation_AndAReviewOfADraftInvoice_StopsItsPosting_UntilReleased()
    {
        var admin = fixture.Admin;
        await WorkflowAsync("sales.order", "hold", "open", "held", [new { name = "customer_reference", label = "Customer reference", type = "Text" }]);
        await WorkflowAsync("invoicing.invoice", "review", "open", "held", []);
        var shop = await Shop.CreateAsync(fixture, "Holds", stock: 10);

        var quotation = await (await shop.Client.PostAsJsonAsync("/api/sales/orders", new
        {
            customerId = shop.Customer, warehouseId = shop.Warehouse, lines = new[] { new { productId = shop.Drill, quantity = 4m } }, extra = new { customer_reference = "PO-7781" },
        }, Ct)).ReadAsync<JsonElement>();
        (quotation.GetProperty("extra").GetProperty("customer_reference").GetString(), quotation.GetProperty("extra").GetProperty("hold").GetString()).ShouldBe(("PO-7781", "open"));
        var order = Shop.Id(quotation);

        // Held: confirming is refused and reserves nothing; released, it confirms.
        (await shop.Client.PostAsJsonAsync($"/api/low-code/extensions/sales.order/{order}/transitions/hold", new { comment = "credit check" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // A transition changes the row: its version too.
        quotation = await Shop.Reread(shop, quotation);
        await (await shop.Client.PostAsJsonAsync($"/api/sales/orders/{order}/confirmation", new { version = quotation.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.record.read-only-state");
        (await Shop.StockAsync(shop)).ShouldBe((10m, 0m));
        (await shop.Client.GetFromJsonAsync<JsonElement>($"/api/sales/orders/{order}", Ct)).GetProperty("status").GetString().ShouldBe("Quotation");
        (await shop.Client.PostAsJsonAsync($"/api/low-code/extensions/sales.order/{order}/transitions/release", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirmed = await Shop.ConfirmAsync(shop, await Shop.Reread(shop, quotation));
        confirmed.GetProperty("status").GetString().ShouldBe("Confirmed");
        (await Shop.StockAsync(shop)).ShouldBe((10m, 4m));

        // A draft invoice in review is not posted, and no number is drawn for it.
        await Shop.DeliverAsync(shop, confirmed, (Shop.LineOf(confirmed, shop.Drill), 4m));
        var draft = await Shop.InvoiceAsync(shop, confirmed);
        draft.GetProperty("extra").GetProperty("review").GetString().ShouldBe("open");
        (await shop.Client.PostAsJsonAsync($"/api/low-code/extensions/invoicing.invoice/{Shop.Id(draft)}/transitions/hold", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        draft = await shop.Client.GetFromJsonAsync<JsonElement>($"/api/invoicing/invoices/{Shop.Id(draft)}", Ct);
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Shop.Id(draft)}/posting", new { version = draft.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.record.read-only-state");
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM invoicing.invoices WHERE company_id = '{shop.Company}' AND number IS NOT NULL")).ShouldBe(0);
        (await shop.Client.PostAsJsonAsync($"/api/low-code/extensions/invoicing.invoice/{Shop.Id(draft)}/transitions/release", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        draft = await shop.Client.GetFromJsonAsync<JsonElement>($"/api/invoicing/invoices/{Shop.Id(draft)}", Ct);
        (await Shop.PostAsync(shop, draft)).GetProperty("number").GetString().ShouldBe($"INV-{Shop.Year}-00001");

        async Task WorkflowAsync(string entity, string field, string open, string held, object[] more)
        {
            var workflow = new
            {
                field,
                states = new object[] { new { name = open, label = "Open", initial = true }, new { name = held, label = "Held", readOnly = true } },
                transitions = new object[]
                {
                    new { name = "hold", label = "Hold", from = new[] { open }, to = held },
                    new { name = "release", label = "Release", from = new[] { held }, to = open },
                },
            };
            object[] fields = [new { name = field, label = "Hold", type = "Choice", choices = new[] { open, held } }, .. more];
            var answer = await admin.PutAsJsonAsync($"/api/low-code/extensions/{entity}", new { fields, version = 0, workflow }, Ct);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.DescribeAsync());
        }
    }

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing);
}
