using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The low-code engine end to end, as an administrator and their colleagues use it, through the API only, from an empty
/// database, on two instances: a customer and an order model defined on one and used on the other at once; records
/// filtered and paged; an order confirmed along its workflow, which mails the customer (through the SMTP capture
/// server) and calls the company's webhook (signed); customers exported and imported back; the OpenAPI document
/// listing the new operations.
/// </summary>
public sealed class LowCodeEndToEndTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TwoInstances _instances = null!;

    public async ValueTask InitializeAsync() => _instances = await TwoInstances.StartAsync([TestPlugins.Sample], new Dictionary<string, string?>
    {
        ["LowCode:Webhooks:AllowPrivateNetworks"] = "true",
    });

    public async ValueTask DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task CustomersAndOrders_DefinedAtRunTime_WorkEndToEnd_OnTwoInstances()
    {
        var company = await _instances.AdminOnA.CreateCompanyAsync("Contoso");
        using var onA = (await _instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await _instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        (await onA.GetFromJsonAsync<JsonElement[]>("/api/low-code/entities", Ct))!.ShouldBeEmpty("an empty installation");

        // The model, on A.
        (await onA.PutAsJsonAsync("/api/low-code/entities/customer", new
        {
            label = "Customer", pluralLabel = "Customers", displayField = "name", version = 0,
            fields = new object[]
            {
                new { name = "name", label = "Name", type = "Text", required = true, searchable = true },
                new { name = "email", label = "Email", type = "Email", required = true, unique = true },
                new { name = "city", label = "City", type = "Text", indexed = true },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onA.PutAsJsonAsync("/api/low-code/entities/sales_order", new
        {
            label = "Order", pluralLabel = "Orders", displayField = "number", version = 0,
            fields = new object[]
            {
                new { name = "number", label = "Number", type = "Autonumber", numberFormat = "SO-{yyyy}-{#####}" },
                new { name = "customer", label = "Customer", type = "Reference", references = "customer", required = true },
                new { name = "contact", label = "Contact", type = "Email", required = true },
                new { name = "total", label = "Total", type = "Number", minimum = 0 },
                new { name = "status", label = "Status", type = "Choice", choices = new[] { "draft", "confirmed", "shipped" } },
                new
                {
                    name = "lines", label = "Lines", type = "Lines",
                    fields = new object[]
                    {
                        new { name = "product", label = "Product", type = "Text", required = true },
                        new { name = "quantity", label = "Quantity", type = "WholeNumber", minimum = 1 },
                        new { name = "price", label = "Price", type = "Number" },
                        new { name = "amount", label = "Amount", type = "Computed", expression = "quantity * price" },
                    },
                },
            },
            workflow = new
            {
                field = "status",
                states = new object[] { new { name = "draft", label = "Draft", initial = true }, new { name = "confirmed", label = "Confirmed" }, new { name = "shipped", label = "Shipped", readOnly = true } },
                transitions = new object[]
                {
                    new { name = "confirm", label = "Confirm", from = new[] { "draft" }, to = "confirmed", condition = new { field = "total", op = "gt", value = "0" } },
                    new { name = "ship", label = "Ship", from = new[] { "confirmed" }, to = "shipped" },
                },
            },
            automations = new object[]
            {
                new
                {
                    name = "confirmation", label = "Order confirmation", trigger = new { kind = "StateEntered", state = "confirmed" },
                    actions = new object[]
                    {
                        new { kind = "SendEmail", to = "{{ contact }}", subject = "Order {{ number }} confirmed", body = "Thank you for order {{ number }} of {{ total }}." },
                        new { kind = "CallWebhooks" },
                    },
                },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var secret = (await (await onA.PostAsJsonAsync("/api/low-code/webhooks", new { entity = "sales_order", events = new[] { "Automation" }, url = receiver.Url }, Ct))
            .ReadAsync<JsonElement>()).GetProperty("secret").GetString()!;

        // Records, on B, without a restart.
        var customers = new Dictionary<string, Guid>();
        foreach (var (name, city) in new[] { ("Ada", "Berlin"), ("Bea", "Berlin"), ("Cy", "Paris") })
            customers[name] = await onB.CreateRecordAsync("customer", new { name, email = $"{name.ToLowerInvariant()}@example.com", city });
        var orders = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            var customer = customers.Values.ElementAt(i % 3);
            orders.Add(await (await onB.PostAsJsonAsync("/api/data/sales_order", new
            {
                customer, contact = $"buyer{i}-{company:N}@example.com", total = 10 * (i + 1),
                lines = new object[] { new { product = "Bolt", quantity = i + 1, price = 2.5m }, new { product = "Nut", quantity = 1, price = 7.5m } },
            }, Ct)).ReadAsync<JsonElement>());
        }

        var year = DateTime.UtcNow.Year;
        orders.Select(o => o.GetProperty("number").GetString()).ShouldBe(Enumerable.Range(1, 5).Select(n => $"SO-{year}-{n:00000}"));
        orders.ShouldAllBe(o => o.GetProperty("status").GetString() == "draft" && o.GetProperty("lines").GetArrayLength() == 2);
        orders[1].GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()).ShouldBe([5m, 7.5m], "computed by the database");

        // Filtered through the reference, sorted, paged by cursor; the customer expanded in the same answer.
        var page = await onA.GetFromJsonAsync<JsonElement>("/api/data/sales_order?filter.customer.city=Berlin&sort=-number&take=2&expand=customer&count=true", Ct);
        page.GetProperty("total").GetInt64().ShouldBe(4);
        page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()).ShouldBe([$"SO-{year}-00005", $"SO-{year}-00004"]);
        page.GetProperty("items")[0].GetProperty("expanded").GetProperty("customer").GetProperty("name").GetString().ShouldBe("Bea");
        var next = await onB.GetFromJsonAsync<JsonElement>(
            $"/api/data/sales_order?filter.customer.city=Berlin&sort=-number&take=2&cursor={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}", Ct);
        next.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()).ShouldBe([$"SO-{year}-00002", $"SO-{year}-00001"]);
        var searched = await onA.GetFromJsonAsync<JsonElement>("/api/data/customer?search=bea", Ct);
        searched.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["Bea"]);

        // Confirmed on B: the customer's contact gets the mail, the company's receiver the signed call.
        var order = orders[2];
        var confirmed = await (await onB.PostAsJsonAsync($"/api/data/sales_order/{order.GetProperty("id").GetGuid()}/transitions/confirm",
            new { version = order.GetProperty("version").GetUInt32(), comment = "paid" }, Ct)).ReadAsync<JsonElement>();
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed");
        var contact = order.GetProperty("contact").GetString()!;
        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(_instances.A.MailSender, contact), m => m.Count > 0, TimeSpan.FromSeconds(15));
        var mail = mails.ShouldHaveSingleItem();
        mail.Subject.ShouldBe($"Order SO-{year}-00003 confirmed");
        mail.TextBody.ShouldContain($"Thank you for order SO-{year}-00003 of 30.");
        var call = await receiver.NextAsync(TimeSpan.FromSeconds(15));
        call.IsSignedWith(secret).ShouldBeTrue();
        var payload = JsonDocument.Parse(call.Body).RootElement;
        payload.GetProperty("record").GetProperty("number").GetString().ShouldBe($"SO-{year}-00003");
        payload.GetProperty("record").GetProperty("lines").GetArrayLength().ShouldBe(2);
        var history = await onA.GetFromJsonAsync<JsonElement[]>($"/api/data/sales_order/{order.GetProperty("id").GetGuid()}/history", Ct);
        history!.Select(h => h.GetProperty("to").GetString()).ShouldBe(["draft", "confirmed"]);

        // Customers out as CSV and back in by their email: the same file changes nothing, an edited one changes its row.
        var csv = await onA.GetStringAsync("/api/data/customer/export?sort=name", Ct);
        csv.Split('\n')[0].TrimEnd('\r').ShouldBe("id,name,email,city");
        var again = await ImportAsync(csv, "key=email");
        (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("committed").GetBoolean()).ShouldBe((0, 3, true));
        var moved = await ImportAsync(csv.Replace("Paris", "Lyon", StringComparison.Ordinal) + "\n,Dee,dee@example.com,Lyon\n", "key=email");
        (moved.GetProperty("created").GetInt32(), moved.GetProperty("updated").GetInt32()).ShouldBe((1, 3));
        var lyon = await onB.GetFromJsonAsync<JsonElement>("/api/data/customer?filter.city=Lyon&sort=name", Ct);
        lyon.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ShouldBe(["Cy", "Dee"]);

        // Orders too, by their number: the columns the server sets (the number, the state) go back in as they came out.
        var ordersCsv = await onA.GetStringAsync("/api/data/sales_order/export?sort=number", Ct);
        var reimported = await (await onB.PostAsync("/api/data/sales_order/import?key=number",
            new StringContent(ordersCsv.Replace(",10,draft", ",12,draft", StringComparison.Ordinal), Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        (reimported.GetProperty("created").GetInt32(), reimported.GetProperty("updated").GetInt32()).ShouldBe((0, 5));
        var first = await onA.GetFromJsonAsync<JsonElement>($"/api/data/sales_order?filter.number=SO-{year}-00001", Ct);
        (first.GetProperty("items")[0].GetProperty("total").GetDecimal(), first.GetProperty("items")[0].GetProperty("status").GetString()).ShouldBe((12m, "draft"));

        // The OpenAPI document lists the new operations, on either instance.
        var paths = JsonDocument.Parse(await onB.GetStringAsync("/openapi/v1.json", Ct)).RootElement.GetProperty("paths");
        paths.GetProperty("/api/data/sales_order").GetProperty("get").ValueKind.ShouldBe(JsonValueKind.Object);
        paths.GetProperty("/api/data/sales_order").GetProperty("post").ValueKind.ShouldBe(JsonValueKind.Object);
        paths.GetProperty("/api/data/sales_order/{id}").GetProperty("patch").ValueKind.ShouldBe(JsonValueKind.Object);
        paths.GetProperty("/api/data/customer/{id}").GetProperty("delete").ValueKind.ShouldBe(JsonValueKind.Object);
        paths.GetProperty("/api/data/sales_order/{id}/transitions/confirm").GetProperty("post").GetProperty("x-erp-permission").GetString()
            .ShouldBe("Data.sales_order.Transitions.confirm");

        async Task<JsonElement> ImportAsync(string body, string query) =>
            await (await onB.PostAsync($"/api/data/customer/import?{query}", new StringContent(body, Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
    }
}
