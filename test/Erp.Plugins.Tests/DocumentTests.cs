using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Erp.Testing;
using Shouldly;
using static Erp.Plugins.Tests.Shop;

namespace Erp.Plugins.Tests;

/// <summary>
/// Printed documents: the quotation, order confirmation, delivery note and invoice as PDFs (read back with pdftotext)
/// from templates administrators may override, printed by Debian's Chromium; mailed as an attachment kept with the document.
/// </summary>
public sealed class DocumentTests(DocumentTests.Fixture fixture) : IClassFixture<DocumentTests.Fixture>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AQuotationItsConfirmationAndADeliveryNote_PrintTheirNumbersLinesAndTotals_InTheReadersLanguage()
    {
        var shop = await CreateAsync(fixture, "Print", stock: 10m);
        var quotation = await QuoteAsync(shop, (shop.Drill, 4m, null, 10m), (shop.Setup, 1.5m, null, 0m));
        var gross = quotation.GetProperty("grossTotal").GetDecimal();

        var printed = await PdfAsync(shop.Client, $"/api/sales/orders/{Id(quotation)}/pdf");
        printed.ShouldContain($"Quotation {quotation.GetProperty("quotationNumber").GetString()}");
        printed.ShouldContain("Customer One");
        printed.ShouldContain("Print GmbH", Case.Sensitive, "the company's letterhead");
        printed.ShouldContain("Drill");
        printed.ShouldContain($"{gross.ToString("N2", English)} EUR");
        var german = await PdfAsync(shop.Client, $"/api/sales/orders/{Id(quotation)}/pdf?language=de");
        german.ShouldContain($"Angebot {quotation.GetProperty("quotationNumber").GetString()}");
        german.ShouldContain($"{gross.ToString("N2", German)} EUR", Case.Sensitive, "amounts in the reader's format");

        var order = await ConfirmAsync(shop, quotation);
        (await PdfAsync(shop.Client, $"/api/sales/orders/{Id(order)}/pdf")).ShouldContain($"Order confirmation {order.GetProperty("number").GetString()}");

        var delivery = await DeliverAsync(shop, order, (LineOf(order, shop.Drill), 3m));
        var note = await PdfAsync(shop.Client, $"/api/sales/orders/{Id(order)}/deliveries/{delivery.GetProperty("id").GetGuid()}/pdf");
        note.ShouldContain($"Delivery note {delivery.GetProperty("number").GetString()}");
        note.ShouldContain("Drill");
        note.ShouldNotContain("Setup", Case.Sensitive, "only what this delivery holds");
        note.ShouldNotContain("EUR", Case.Sensitive, "a delivery note has no prices");

        await (await shop.Client.GetAsync($"/api/sales/orders/{Id(order)}/deliveries/{Guid.NewGuid()}/pdf", Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "sales.delivery.not-found");
        var outsider = await fixture.MemberOfAsync(await fixture.Admin.CreateCompanyAsync("Other"), "Sales.Orders");
        await (await outsider.GetAsync($"/api/sales/orders/{Id(order)}/pdf", Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "sales.order.not-found", "another company's order is not there for them");
    }

    [Fact]
    public async Task APostedInvoice_IsMailedAsAPdfKeptWithIt_AndADraftOrAMailWithoutAddressIsRefused()
    {
        var shop = await CreateAsync(fixture, "Mail", stock: 10m);
        var order = await ConfirmAsync(shop, await QuoteAsync(shop, (shop.Drill, 2m, null, 0m)));
        await DeliverAsync(shop, order, (LineOf(order, shop.Drill), 2m));
        var draft = await InvoiceAsync(shop, order);
        (await PdfAsync(shop.Client, $"/api/invoicing/invoices/{Id(draft)}/pdf")).ShouldContain("Draft invoice");
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(draft)}/mail", new { to = "billing@customer.test" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "invoicing.invoice.not-posted", "the customer gets what was posted");

        var invoice = await PostAsync(shop, draft);
        var number = invoice.GetProperty("number").GetString()!;
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(invoice)}/mail", new { }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "printing.mail.no-recipient", "the customer has no address on file");
        await (await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(invoice)}/mail", new { to = "not an address" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await AttachmentsAsync(shop, invoice)).ShouldBeEmpty("a refused mail kept nothing");

        var to = $"billing-{Guid.NewGuid():N}@customer.test";
        var response = await shop.Client.PostAsJsonAsync($"/api/invoicing/invoices/{Id(invoice)}/mail", new { to }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var mailed = await response.ReadAsync<JsonElement>();
        mailed.GetProperty("fileName").GetString().ShouldBe($"{number}.pdf");

        var kept = (await AttachmentsAsync(shop, invoice)).ShouldHaveSingleItem();
        kept.GetProperty("id").GetGuid().ShouldBe(mailed.GetProperty("attachmentId").GetGuid());
        var pdf = await shop.Client.GetByteArrayAsync($"/api/attachments/invoices/{Id(invoice)}/{kept.GetProperty("id").GetGuid()}/content", Ct);
        var text = await PdfText.OfAsync(pdf);
        text.ShouldContain($"Invoice {number}");
        text.ShouldContain($"{invoice.GetProperty("grossTotal").GetDecimal().ToString("N2", English)} EUR");

        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(fixture.Host.MailSender, to), m => m.Count > 0, TimeSpan.FromSeconds(15));
        var mail = mails.ShouldHaveSingleItem();
        mail.Subject.ShouldStartWith($"Invoice {number} from Mail ");
        mail.Attachments.ShouldHaveSingleItem().ShouldBe(new MailAttachment($"{number}.pdf", pdf.Length), "the mail carries the PDF that is kept");
    }

    [Fact]
    public async Task AnAdministratorsTemplate_RunsNoScriptAndLoadsNothing_AndPrintsValuesAsText()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connections = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        }, Ct);

        var shop = await CreateAsync(fixture, "Attack", stock: 1m);
        var injected = $"<img src=\"http://127.0.0.1:{port}/description.png\"><b>bold</b>";
        var quotation = await (await shop.Client.PostAsJsonAsync("/api/sales/orders", new
        {
            customerId = shop.Customer, warehouseId = shop.Warehouse, lines = new[] { new { productId = shop.Setup, quantity = 1m, description = injected } },
        }, Ct)).ReadAsync<JsonElement>();

        var template = $$$"""
            {% title "Overridden" %}
            <img src="http://127.0.0.1:{{{port}}}/template.png">
            <link rel="stylesheet" href="http://127.0.0.1:{{{port}}}/style.css">
            <iframe src="file:///etc/passwd"></iframe>
            <script>document.write("SCRIPT-RAN"); fetch("http://127.0.0.1:{{{port}}}/script");</script>
            {% for line in lines %}<p>LINE: {{ line.description }}</p>{% endfor %}
            """;
        (await fixture.Admin.PutAsJsonAsync("/api/printing/templates/Sales.Order/overrides/all", new { html = template }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            var printed = await PdfAsync(shop.Client, $"/api/sales/orders/{Id(quotation)}/pdf");
            printed.ShouldContain("Overridden");
            printed.ShouldContain($"LINE: {injected}", Case.Sensitive, "a value is printed as text, never read as HTML");
            printed.ShouldNotContain("SCRIPT-RAN");
            printed.ShouldNotContain("root:");
            await Task.Delay(500, Ct);
            connections.ShouldBe(0, "the page loaded nothing: no image, style sheet, frame or script request left Chromium");
        }
        finally
        {
            (await fixture.Admin.DeleteAsync("/api/printing/templates/Sales.Order/overrides/all", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await PdfAsync(shop.Client, $"/api/sales/orders/{Id(quotation)}/pdf")).ShouldContain("Quotation", Case.Sensitive, "back to the plugin's template");
    }

    [Fact]
    public async Task Templates_AreListedPreviewedAndChecked_AndOnlyAdministratorsChangeThem()
    {
        var templates = await fixture.Admin.GetFromJsonAsync<JsonElement[]>("/api/printing/templates", Ct);
        templates!.Select(t => t.GetProperty("name").GetString()).ShouldBe(["Invoicing.Invoice", "Printing.Layout", "Sales.DeliveryNote", "Sales.Order"]);
        templates!.First(t => t.GetProperty("name").GetString() == "Invoicing.Invoice").GetProperty("sampleModel").GetProperty("gross_total").GetDecimal().ShouldBe(988.18m);

        var preview = await fixture.Admin.PostAsJsonAsync("/api/printing/templates/Invoicing.Invoice/preview", new { language = "de" }, Ct);
        preview.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfText.OfAsync(await preview.Content.ReadAsByteArrayAsync(Ct));
        text.ShouldContain("Rechnung INV-2026-00031");
        text.ShouldContain("988,18 EUR");

        (await (await fixture.Admin.PutAsJsonAsync("/api/printing/templates/Sales.Order/overrides/all", new { html = "{% if %}" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "a template that does not parse is never stored")).GetProperty("errors").GetProperty("html");
        await (await fixture.Admin.PostAsJsonAsync("/api/printing/templates/Sales.Order/preview", new { html = "{% for x in %}" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await fixture.Admin.PutAsJsonAsync("/api/printing/templates/Sales.Order/overrides/xx", new { html = "<p>x</p>" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "printing.template.language-not-supported");
        await (await fixture.Admin.GetAsync("/api/printing/templates/Nope.Nothing", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "printing.template.not-found");
        await (await fixture.Admin.DeleteAsync("/api/printing/templates/Sales.Order/overrides/de", Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "printing.template.override-not-found");

        var company = await fixture.Admin.CreateCompanyAsync("Clerks");
        var clerk = await fixture.MemberOfAsync(company, "Sales.Orders", "Printing");
        (await clerk.PutAsJsonAsync("/api/printing/templates/Sales.Order/overrides/all", new { html = "<p>mine</p>" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Admin.GetFromJsonAsync<JsonElement>("/api/printing/templates/Sales.Order", Ct)).GetProperty("overrides").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task WithoutChromium_PrintingAnswers503_AndTheRestWorks()
    {
        await using var host = new ErpHost(fixture.Database, [TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing],
            settings: new Dictionary<string, string?> { ["Printing:Chromium"] = "/nonexistent/chromium" });
        var admin = await host.CreateSignedInClientAsync();
        await (await admin.PostAsJsonAsync("/api/printing/templates/Sales.Order/preview", new { }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "printing.unavailable");
        (await admin.GetAsync("/api/printing/templates", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> PdfAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.DescribeAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        return await PdfText.OfAsync(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    private static async Task<JsonElement[]> AttachmentsAsync(Shop shop, JsonElement invoice) =>
        (await shop.Client.GetFromJsonAsync<JsonElement[]>($"/api/attachments/invoices/{Id(invoice)}", Ct))!;

    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing);
}
