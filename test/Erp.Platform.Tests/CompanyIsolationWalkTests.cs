using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The attacker works in company A and holds every permission but <c>Companies.AllCompanies</c>. Company B has rows in
/// every company-owned table. Walking every operation of the OpenAPI document, with B's ids in every path parameter,
/// with and without naming B in the company header, they never read, count, export, change or delete a row of B.
/// </summary>
public sealed class CompanyIsolationWalkTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "Correct-Horse-42";

    private string _database = "";
    private ErpHost _host = null!;
    private HttpClient _admin = null!;
    private readonly WebhookReceiver _receiver = new();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _host = new ErpHost(_database, [TestPlugins.Sample, TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing], settings: new Dictionary<string, string?> { ["LowCode:Webhooks:AllowPrivateNetworks"] = "true" });
        await _host.MigrateAsync(); // the business plugins' schemas
        _admin = await _host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AUserOfA_WalkingEveryEndpointWithBsIds_NeverSeesNorChangesARowOfB()
    {
        var (a, b) = (await _admin.CreateCompanyAsync("Alpha"), await _admin.CreateCompanyAsync("Beta"));
        await SeedAsync(a, "USD");
        await SeedAsync(b, "CHF");
        await SeedAsync(b, "GBP");
        await SeedCatalogAsync(a);
        await SeedCatalogAsync(b);
        await AttachAsync(a);
        await AttachAsync(b);
        (await _admin.SendInCompanyAsync(HttpMethod.Post, "/api/teams", b, new { name = "Beta's team", members = Array.Empty<Guid>() })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await RecordWithHistoryAndWebhookAsync(b);
        var tables = CompanyOwnedTables();
        tables.ShouldNotBeEmpty();
        var idsOfB = new List<Guid> { b };
        foreach (var table in tables)
        {
            var (rows, ids) = await RowsAsync(table, b);
            rows.ShouldBeGreaterThan(0, $"company B needs rows in {table}: seed it here when a module adds a company-owned table");
            idsOfB.AddRange(ids);
        }

        // The audit log holds B's too: the requests made in B (written in batches) and the changes of B's rows.
        (await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(_database, $"SELECT count(*) FROM audit.requests WHERE company_id = '{b}'"),
            n => n >= 2, TimeSpan.FromSeconds(10))).Value.ShouldBeGreaterThanOrEqualTo(2);
        (await PostgresServer.ScalarAsync<long>(_database, $"SELECT count(*) FROM audit.entity_changes WHERE company_id = '{b}'")).ShouldBeGreaterThan(0);

        var before = await FingerprintAsync(tables, b);
        using var attacker = await AttackerInAsync(a);
        var document = JsonDocument.Parse(await _admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var leaks = new List<string>();
        var calls = 0;
        foreach (var (method, template) in Operations(document))
        {
            foreach (var url in Urls(template, idsOfB))
            {
                foreach (var inB in new[] { false, true })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    if (inB) request.Headers.Add("X-Company", b.ToString());
                    using var response = await attacker.SendAsync(request, Ct);
                    calls++;
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    var where = $"{method} {url}{(inB ? " (X-Company: B)" : "")} -> {(int)response.StatusCode}";
                    if ((int)response.StatusCode >= 500) leaks.Add($"{where}: server error {body}");
                    if (inB && response.StatusCode != HttpStatusCode.Forbidden) leaks.Add($"{where}: naming company B was not refused");
                    // A refusal may say back what was asked for (the path in "instance", the id in "detail"); anything else of B is a leak.
                    var named = (int)response.StatusCode >= 400 ? idsOfB.Where(id => !url.Contains(id.ToString(), StringComparison.Ordinal)) : idsOfB;
                    if (named.FirstOrDefault(id => body.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)) is var seen && seen != Guid.Empty)
                        leaks.Add($"{where}: the answer names {seen} of company B");
                }
            }
        }

        calls.ShouldBeGreaterThan(100, "the walk should reach every operation");
        leaks.ShouldBeEmpty();
        (await FingerprintAsync(tables, b)).ShouldBe(before, "nothing of company B changed");
    }

    private async Task SeedAsync(Guid company, string currency) =>
        (await _admin.SendInCompanyAsync(HttpMethod.Post, "/api/sample/exchange-rates", company, new { currency, rate = 1.1m, validFrom = "2026-12-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

    // A product in a category, a customer, and the customer's price list with a line: a row in each of the catalog's tables.
    // Then a row in each of inventory's, sales' and invoicing's: a warehouse with stock and a reorder level, an order
    // confirmed (a reservation), delivered in part, invoiced, posted and paid in part.
    private async Task SeedCatalogAsync(Guid company)
    {
        async Task<JsonElement> SendAsync(string url, object body)
        {
            var response = await _admin.SendInCompanyAsync(HttpMethod.Post, url, company, body);
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync(Ct));
            return await response.ReadAsync<JsonElement>();
        }

        async Task<Guid> CreateAsync(string url, object body) => (await SendAsync(url, body)).GetProperty("id").GetGuid();

        var category = await CreateAsync("/api/catalog/categories", new { name = "Tools" });
        var product = await CreateAsync("/api/catalog/products", new { sku = "HAM-1", name = "Hammer", categoryId = category, kind = "Stocked", salesPrice = 9.9m, purchasePrice = 5m, currency = "EUR" });
        var customer = await CreateAsync("/api/catalog/partners", new { number = "C-1", name = "Acme", isCustomer = true, currency = "EUR" });
        await CreateAsync("/api/catalog/price-lists", new { name = "Acme's", currency = "EUR", customerId = customer, lines = new[] { new { productId = product, minQuantity = 0, unitPrice = 9m } } });

        var warehouse = await CreateAsync("/api/inventory/warehouses", new { code = "MAIN", name = "Main", locations = new[] { new { code = "A", name = "Aisle A" } } });
        await SendAsync("/api/inventory/receipts", new { warehouseId = warehouse, lines = new[] { new { productId = product, quantity = 10m, unitCost = 5m } } });
        (await _admin.SendInCompanyAsync(HttpMethod.Put, $"/api/inventory/warehouses/{warehouse}/reorder-levels/{product}", company, new { minimum = 2m }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var quotation = await SendAsync("/api/sales/orders", new { customerId = customer, warehouseId = warehouse, lines = new[] { new { productId = product, quantity = 3m } } });
        var order = await SendAsync($"/api/sales/orders/{quotation.GetProperty("id")}/confirmation", new { version = quotation.GetProperty("version").GetUInt32() });
        await SendAsync($"/api/sales/orders/{order.GetProperty("id")}/deliveries",
            new { lines = new[] { new { orderLineId = order.GetProperty("lines")[0].GetProperty("id").GetGuid(), quantity = 2m } } });
        var draft = await SendAsync("/api/invoicing/invoices", new { salesOrderId = order.GetProperty("id").GetGuid() });
        var invoice = await SendAsync($"/api/invoicing/invoices/{draft.GetProperty("id")}/posting", new { version = draft.GetProperty("version").GetUInt32() });
        await SendAsync($"/api/invoicing/invoices/{invoice.GetProperty("id")}/payments", new { amount = 5m });
    }

    // A low-code record in a workflow (its state history), and a webhook that delivered its creation.
    private async Task RecordWithHistoryAndWebhookAsync(Guid company)
    {
        var entity = "ticket_" + Guid.NewGuid().ToString("N")[..8];
        (await _admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Ticket", pluralLabel = "Tickets", version = 0,
            fields = new object[] { new { name = "status", label = "Status", type = "Choice", choices = new[] { "open", "closed" } } },
            workflow = new
            {
                field = "status", states = new object[] { new { name = "open", label = "Open", initial = true }, new { name = "closed", label = "Closed" } },
                transitions = new object[] { new { name = "close", label = "Close", from = new[] { "open" }, to = "closed" } },
            },
            automations = new object[] { new { name = "noted", label = "Noted", trigger = new { kind = "Created" }, actions = new[] { new { kind = "CallWebhooks" } } } },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _admin.SendInCompanyAsync(HttpMethod.Post, "/api/low-code/webhooks", company, new { entity, events = new[] { "Created" }, url = _receiver.Url }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _admin.SendInCompanyAsync(HttpMethod.Post, $"/api/data/{entity}", company, new { })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _receiver.NextAsync();
        (await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM lowcode.webhook_deliveries WHERE status = 'Delivered'"),
            n => n == 1, TimeSpan.FromSeconds(10))).Value.ShouldBe(1, "the delivery is done before the walk fingerprints company B's rows");
        (await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM lowcode.automation_runs"), n => n == 1, TimeSpan.FromSeconds(10)))
            .Value.ShouldBe(1, "the automation's run is in the history before the walk");
        using var import = new HttpRequestMessage(HttpMethod.Post, $"/api/data/{entity}/import?dryRun=true") { Content = new StringContent("status\nopen\n", Encoding.UTF8, "text/csv") };
        import.Headers.Add("X-Company", company.ToString());
        (await _admin.SendAsync(import, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // a dry run: an import in the history, no record
    }

    private async Task AttachAsync(Guid company)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/attachments/companies/{company}") { Content = Files.Upload(Files.Png(), "logo.png") };
        request.Headers.Add("X-Company", company.ToString());
        (await _admin.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>A member of <paramref name="company"/> only, holding every permission but working in every company.</summary>
    private async Task<HttpClient> AttackerInAsync(Guid company)
    {
        var userName = "attacker" + Guid.NewGuid().ToString("N")[..8];
        var userId = await _host.CreateUserAsync(_admin, userName, Password);
        var tree = await _admin.GetFromJsonAsync<JsonElement>($"/api/permissions/grants?kind=User&key={userId}", Ct);
        var all = tree.EnumerateArray().SelectMany(g => g.GetProperty("permissions").EnumerateArray()).Select(p => p.GetProperty("name").GetString()!)
            .Where(p => p != "Companies.AllCompanies").ToArray();
        (await _admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = all }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _admin.PutAsJsonAsync($"/api/companies/{company}/members", new { addUsers = new[] { userId } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return await _host.CreateSignedInClientAsync(userName, Password);
    }

    /// <summary>
    /// Every operation; those without path parameters (the lists, searches and exports) first, before the walk has sent
    /// any of B's ids: the audit log then holds none of the attacker's own requests naming one.
    /// </summary>
    private static IEnumerable<(string Method, string Template)> Operations(JsonElement document) => document.GetProperty("paths").EnumerateObject()
        .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Method: operation.Name.ToUpperInvariant(), Template: path.Name)))
        .Where(o => o.Method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE")
        .OrderBy(o => o.Template.Contains('{', StringComparison.Ordinal))
        .ToList();

    /// <summary>The path with each of B's ids in its parameters (a path without parameters once).</summary>
    // Every combination of B's ids in the path's parameters (an attachment of B under B's company, and under another
    // of B's rows); a kind of entity is one that takes attachments.
    private static IEnumerable<string> Urls(string template, IReadOnlyList<Guid> idsOfB)
    {
        template = template.Replace("{entityType}", "companies", StringComparison.Ordinal);
        var parameter = System.Text.RegularExpressions.Regex.Match(template, "\\{[^}]+\\}");
        if (!parameter.Success) return [template];
        return idsOfB.SelectMany(id => Urls(string.Concat(template.AsSpan(0, parameter.Index), id.ToString(), template.AsSpan(parameter.Index + parameter.Length)), idsOfB));
    }

    private string[] CompanyOwnedTables()
    {
        using var scope = _host.Services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<ModuleCatalog>().Modules.SelectMany(m => m.DbContexts)
            .SelectMany(type => CompanyRowSecurity.TablesOf((DbContext)scope.ServiceProvider.GetRequiredService(type)))];
    }

    // The company's rows in the table, and their ids (a table keyed by other ids, such as a balance per location and product, has none of its own).
    private async Task<(long Rows, List<Guid> Ids)> RowsAsync(string table, Guid company)
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgresServer.For(_database));
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand($"SELECT (to_jsonb(t) ->> 'id')::uuid FROM {table} t WHERE company_id = $1", connection)
        {
            Parameters = { new() { Value = company } },
        };
        var (rows, ids) = (0L, new List<Guid>());
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows++;
            if (!reader.IsDBNull(0)) ids.Add(reader.GetGuid(0));
        }

        return (rows, ids);
    }

    private async Task<string> FingerprintAsync(IEnumerable<string> tables, Guid company)
    {
        var parts = new List<string>();
        foreach (var table in tables)
            parts.Add(await PostgresServer.ScalarAsync<string>(_database, $"SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t WHERE company_id = '{company}'"));
        return string.Join(",", parts);
    }
}
