using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// Automations administrators give the business plugins' entities: run on what the plugins tell of their rows (a
/// product's stock below its reorder level, told by inventory; an order confirmed) and on a row entering a state of its
/// extension's workflow, reading the row and the event in their templates; what the engine may not do there is refused
/// when saved.
/// </summary>
public sealed class ExtensionAutomationTests(ExtensionAutomationTests.Fixture fixture) : IClassFixture<ExtensionAutomationTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StockBelowItsReorderLevel_MailsPurchasing_AndNotesItOnTheProduct()
    {
        var extension = await SaveAsync("catalog.product", new
        {
            fields = new object[] { new { name = "reorder_note", label = "Reorder note", type = "Text", maxLength = 200 } },
            version = 0,
            automations = new object[]
            {
                new
                {
                    name = "reorder", label = "Ask purchasing to reorder", trigger = new { kind = "Event", @event = "stock_below_reorder_level" },
                    actions = new object[]
                    {
                        new { kind = "SetField", field = "reorder_note", value = "{{ event.available }} left, reorder below {{ event.reorderLevel }}" },
                        new { kind = "SendEmail", to = "purchasing@example.test", subject = "Reorder {{ display }}", body = "{{ reorder_note }}" },
                    },
                },
            },
        });
        extension.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ShouldBe(["stock_below_reorder_level"]);
        var shop = await Shop.CreateAsync(fixture, "Reorders", stock: 10);
        (await shop.Client.PutAsJsonAsync($"/api/inventory/warehouses/{shop.Warehouse}/reorder-levels/{shop.Drill}", new { minimum = 5m }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // 10 → 6: above the level, nothing; 6 → 4: below it, the automation runs once.
        await IssueAsync(shop, 4m);
        await IssueAsync(shop, 2m);
        var (product, _) = await Eventually.ValueAsync(() => shop.Client.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{shop.Drill}", Ct),
            p => p.GetProperty("extra").GetProperty("reorder_note").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(15));
        product.GetProperty("extra").GetProperty("reorder_note").GetString().ShouldBe("4 left, reorder below 5");
        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(fixture.Host.MailSender, "purchasing@example.test"), m => m.Count > 0, TimeSpan.FromSeconds(15));
        var mail = mails.ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Reorder Drill", "the product's display column is its name");
        mail.TextBody.ShouldContain("4 left, reorder below 5", customMessage: "a later action reads what an earlier one set");

        // The run is in the history, and the note was audited as a change of the product.
        using var admin = await fixture.AdminInAsync(shop.Company);
        var runs = await admin.GetFromJsonAsync<JsonElement[]>("/api/low-code/extensions/catalog.product/automation-runs", Ct);
        runs!.ShouldHaveSingleItem().GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        (await PostgresServer.ScalarAsync<long>(fixture.Database,
            $"SELECT count(*) FROM audit.entity_changes WHERE entity_id = '{shop.Drill}' AND properties::text LIKE '%extra.reorder_note%'")).ShouldBe(1);
    }

    [Fact]
    public async Task AConfirmedOrder_AndAnOrderEnteringAWorkflowState_RunTheirAutomations_WithinTheirConditions()
    {
        var saved = await SaveAsync("sales.order", new
        {
            fields = new object[]
            {
                new { name = "priority", label = "Priority", type = "Choice", choices = new[] { "normal", "rush" } },
                new { name = "stage", label = "Stage", type = "Choice", choices = new[] { "new", "packed" } },
                new { name = "log", label = "Log", type = "Text", maxLength = 200 },
            },
            version = 0,
            workflow = new
            {
                field = "stage",
                states = new object[] { new { name = "new", label = "New", initial = true }, new { name = "packed", label = "Packed" } },
                transitions = new object[] { new { name = "pack", label = "Pack", from = new[] { "new" }, to = "packed" } },
            },
            automations = new object[]
            {
                new
                {
                    name = "rush_confirmed", label = "Rush orders confirmed", trigger = new { kind = "Event", @event = "confirmed" },
                    condition = new { field = "priority", op = "eq", value = "rush" },
                    actions = new object[] { new { kind = "SetField", field = "log", value = "confirmed as {{ event.number }} for {{ event.grossTotal }} {{ event.currency }}" } },
                },
                new
                {
                    name = "packed", label = "Packed", trigger = new { kind = "StateEntered", state = "packed" },
                    actions = new object[] { new { kind = "SetField", field = "log", value = "{{ log }}; packed" } },
                },
            },
        });
        saved.GetProperty("automations").GetArrayLength().ShouldBe(2);
        var shop = await Shop.CreateAsync(fixture, "Order automations", stock: 20);

        var rush = await QuoteAsync(shop, "rush");
        var normal = await QuoteAsync(shop, "normal");
        var confirmed = await Shop.ConfirmAsync(shop, rush);
        await Shop.ConfirmAsync(shop, normal);
        var (order, _) = await Eventually.ValueAsync(() => Shop.Reread(shop, rush), o => o.GetProperty("extra").GetProperty("log").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(15));
        order.GetProperty("extra").GetProperty("log").GetString().ShouldBe($"confirmed as {confirmed.GetProperty("number").GetString()} for 59.5 EUR");

        (await shop.Client.PostAsJsonAsync($"/api/low-code/extensions/sales.order/{Shop.Id(rush)}/transitions/pack", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (order, _) = await Eventually.ValueAsync(() => Shop.Reread(shop, rush), o => o.GetProperty("extra").GetProperty("log").GetString()!.EndsWith("; packed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15));
        order.GetProperty("extra").GetProperty("log").GetString().ShouldEndWith("; packed");

        // The normal order did not meet the condition: nothing ran for it, its log is empty.
        using var admin = await fixture.AdminInAsync(shop.Company);
        var runs = await admin.GetFromJsonAsync<JsonElement[]>("/api/low-code/extensions/sales.order/automation-runs", Ct);
        runs!.Select(r => r.GetProperty("recordId").GetGuid()).Distinct().ShouldBe([Shop.Id(rush)]);
        (await Shop.Reread(shop, normal)).GetProperty("extra").GetProperty("log").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task AnEventTheEntityDoesNotHave_AChangeTrigger_AndAWebhookCall_AreRefused_AndNothingIsSaved()
    {
        var problem = await (await fixture.Admin.PutAsJsonAsync("/api/low-code/extensions/invoicing.invoice", new
        {
            fields = new object[] { new { name = "event", label = "Event", type = "Text" } },
            version = 0,
            automations = new object[]
            {
                new { name = "a", label = "A", trigger = new { kind = "Event", @event = "stock_below_reorder_level" }, actions = new object[] { new { kind = "SendEmail", to = "a@b.test", subject = "s", body = "b" } } },
                new { name = "b", label = "B", trigger = new { kind = "Updated" }, actions = new object[] { new { kind = "SendEmail", to = "a@b.test", subject = "s", body = "b" } } },
                new { name = "c", label = "C", trigger = new { kind = "Event", @event = "paid" }, actions = new object[] { new { kind = "CallWebhooks" } } },
            },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(
            ["automations[0].trigger", "automations[1].trigger", "automations[2].actions[0].kind", "fields[0].name"]);
        (await fixture.Admin.GetFromJsonAsync<JsonElement>("/api/low-code/extensions/invoicing.invoice", Ct)).GetProperty("version").GetInt32().ShouldBe(0);
    }

    private async Task<JsonElement> SaveAsync(string entity, object extension)
    {
        var answer = await fixture.Admin.PutAsJsonAsync($"/api/low-code/extensions/{entity}", extension, Ct);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.DescribeAsync());
        return await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task IssueAsync(Shop shop, decimal quantity) =>
        (await shop.Client.PostAsJsonAsync("/api/inventory/issues", new { warehouseId = shop.Warehouse, lines = new[] { new { productId = shop.Drill, quantity } } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

    // A quotation for two drills (2 × 25.00 + 19 % tax = 59.50) of the given priority.
    private static async Task<JsonElement> QuoteAsync(Shop shop, string priority) =>
        await (await shop.Client.PostAsJsonAsync("/api/sales/orders", new
        {
            customerId = shop.Customer, warehouseId = shop.Warehouse, lines = new[] { new { productId = shop.Drill, quantity = 2m } }, extra = new { priority },
        }, Ct)).ReadAsync<JsonElement>();

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing);
}
