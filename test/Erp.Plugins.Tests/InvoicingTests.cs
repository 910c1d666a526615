using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;
using static Erp.Plugins.Tests.Shop;

namespace Erp.Plugins.Tests;

/// <summary>
/// From quotation to paid invoice and its credit note, through the API of four plugins (catalog, inventory, sales,
/// invoicing), connected as production is (row-level security on): the ledger agrees with the balances at every step,
/// every number is gap-free, a posted invoice never changes.
/// </summary>
public sealed class InvoicingTests(InvoicingTests.Fixture fixture) : IClassFixture<InvoicingTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWholeFlow_QuoteConfirmDeliverPartlyInvoicePayCredit_KeepsLedgerBalancesAndNumbersStraight()
    {
        var shop = await CreateAsync(fixture, "Flow", stock: 10m);
        var order = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 4m, null, 0m), (shop.Setup, 1m, null, 0m)));
        order.GetProperty("number").GetString().ShouldBe($"SO-{Year}-00001");
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);

        await DeliverAsync(shop, order, (LineOf(order, shop.Drill), 3m), (LineOf(order, shop.Setup), 1m));
        (await StockAsync(shop)).ShouldBe((7m, 1m));
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);

        // Invoiced as delivered: 3 drills at 25.00 and the setup at 60.00 = 135.00 net, 25.65 tax.
        var draft = await InvoiceAsync(shop, order);
        draft.GetProperty("status").GetString().ShouldBe("Draft");
        draft.GetProperty("number").ValueKind.ShouldBe(JsonValueKind.Null);
        Amounts(draft).ShouldBe((135m, 25.65m, 160.65m));
        await (await shop.Client.PostAsJsonAsync("/api/invoicing/invoices", new { salesOrderId = Id(order) }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.invoice.nothing-to-invoice", "everything delivered is on the draft");

        var invoice = await PostAsync(shop, draft);
        invoice.GetProperty("number").GetString().ShouldBe($"INV-{Year}-00001");
        invoice.GetProperty("dueDate").GetString().ShouldBe(DateOnly.Parse(invoice.GetProperty("invoiceDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var paid = await PayAsync(shop, invoice, 100m);
        paid.GetProperty("open").GetDecimal().ShouldBe(60.65m);
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(invoice)}/payments", new { amount = 60.66m }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.payment.exceeds-open");

        // One drill comes back in writing: a credit note of 29.75 offsets part of what is open.
        var drillOnInvoice = invoice.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("productId").GetGuid() == shop.Drill).GetProperty("id").GetGuid();
        var note = await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(invoice)}/credit-notes",
            new { reason = "One drill was faulty", lines = new[] { new { invoiceLineId = drillOnInvoice, quantity = 1m } } }, Ct)).ReadAsync<JsonElement>();
        note.GetProperty("number").GetString().ShouldBe($"CN-{Year}-00001");
        note.GetProperty("kind").GetString().ShouldBe("CreditNote");
        Amounts(note).ShouldBe((25m, 4.75m, 29.75m));
        var afterCredit = await GetInvoiceAsync(shop, invoice);
        afterCredit.GetProperty("open").GetDecimal().ShouldBe(30.9m);

        var settled = await PayAsync(shop, invoice, 30.9m);
        settled.GetProperty("status").GetString().ShouldBe("Paid");
        (await Reread(shop, order)).GetProperty("lines").EnumerateArray().First(l => l.GetProperty("productId").GetGuid() == shop.Drill)
            .GetProperty("invoiced").GetDecimal().ShouldBe(2m, "3 invoiced, 1 credited");

        // The last drill is delivered and invoiced: the next numbers follow without a gap.
        await DeliverAsync(shop, await Reread(shop, order), (LineOf(order, shop.Drill), 1m));
        (await StockAsync(shop)).ShouldBe((6m, 0m));
        var second = await PostAsync(shop, await InvoiceAsync(shop, order));
        second.GetProperty("number").GetString().ShouldBe($"INV-{Year}-00002");
        second.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("quantity").GetDecimal()).ShouldBe([2m], "the delivered drill and the credited one");
        await StockLedgerChecks.ShouldAgreeAsync(fixture.Database);
        (await EventsAsync(shop.Company)).ShouldBe(["InvoicePaidIntegrationEvent", "InvoicePostedIntegrationEvent", "SalesOrderConfirmedIntegrationEvent", "SalesOrderDeliveredIntegrationEvent"]);
    }

    [Fact]
    public async Task APostedInvoice_IsNeverChangedPostedTwiceOrDeleted_AndADraftWithdrawnFreesItsUnits()
    {
        var shop = await CreateAsync(fixture, "Posted", stock: 5m);
        var order = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 2m, null, 0m)));
        await DeliverAsync(shop, order, (LineOf(order, shop.Drill), 2m));

        var draft = await InvoiceAsync(shop, order);
        await (await shop.Client.PutAsJsonAsync($"/api/invoicing/invoices/{Id(draft)}", new { invoiceDate = "2026-12-10", dueDate = "2026-12-01", version = Version(draft) }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.invoice.due-before-date");
        (await shop.Client.DeleteAsync($"/api/invoicing/invoices/{Id(draft)}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await InvoiceAsync(shop, order);
        again.GetProperty("lines")[0].GetProperty("quantity").GetDecimal().ShouldBe(2m, "the withdrawn draft gave its units back");

        var posted = await PostAsync(shop, again);
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(posted)}/posting", new { version = Version(posted) }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.invoice.not-draft");
        await (await shop.Client.PutAsJsonAsync($"/api/invoicing/invoices/{Id(posted)}", new { note = "changed", version = Version(posted) }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.invoice.not-draft");
        await (await shop.Client.DeleteAsync($"/api/invoicing/invoices/{Id(posted)}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.invoice.not-draft");
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(posted)}/credit-notes",
            new { reason = "Too much", lines = new[] { new { invoiceLineId = posted.GetProperty("lines")[0].GetProperty("id").GetGuid(), quantity = 3m } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.credit.exceeds-invoice");
        var unchanged = await GetInvoiceAsync(shop, posted);
        (unchanged.GetProperty("number").GetString(), Amounts(unchanged), unchanged.GetProperty("note").ValueKind)
            .ShouldBe(($"INV-{Year}-00001", Amounts(posted), JsonValueKind.Null));
        (await PostgresServer.ScalarAsync<long>(fixture.Database, $"SELECT count(*) FROM invoicing.invoices WHERE company_id = '{shop.Company}' AND kind = 'CreditNote'"))
            .ShouldBe(0, "the refused credit note left nothing");
    }

    [Fact]
    public async Task ConcurrentPostings_NumberInvoicesWithoutGapsOrRepeats()
    {
        var shop = await CreateAsync(fixture, "Numbers", stock: 20m);
        var drafts = new List<JsonElement>();
        for (var i = 0; i < 8; i++)
        {
            var order = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 1m, null, 0m)));
            await DeliverAsync(shop, order, (LineOf(order, shop.Drill), 1m));
            drafts.Add(await InvoiceAsync(shop, order));
        }

        var posted = await Task.WhenAll(drafts.Select(d => Task.Run(() => PostAsync(shop, d), Ct)));
        posted.Select(p => p.GetProperty("number").GetString()).Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 8).Select(n => $"INV-{Year}-{n:D5}"));
    }

    private static uint Version(JsonElement document) => document.GetProperty("version").GetUInt32();

    private static async Task<JsonElement> PayAsync(Shop shop, JsonElement invoice, decimal amount) =>
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(invoice)}/payments", new { amount, reference = "Bank" }, Ct)).ReadAsync<JsonElement>();

    private static async Task<JsonElement> GetInvoiceAsync(Shop shop, JsonElement invoice) =>
        await shop.Client.GetFromJsonAsync<JsonElement>($"/api/invoicing/invoices/{Id(invoice)}", Ct);

    private async Task<string[]> EventsAsync(Guid company) =>
        (await PostgresServer.ScalarAsync<string>(fixture.Database,
            $"SELECT string_agg(DISTINCT regexp_replace(event_name, '^.*\\.', ''), ',') FROM messaging.outbox_messages WHERE company_id = '{company}'")).Split(',');

    /// <summary>The four plugins under row-level security, as production connects.</summary>
    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing)
    {
        protected override bool AsOrdinaryRole => true;
    }
}
