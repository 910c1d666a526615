using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Records of a low-code entity through <c>/api/data</c> on two instances: typed values, filters, sorting, optimistic
/// concurrency, bad data refused per field with nothing written, the entity's permissions and the caller's companies
/// applied, and a definition changed on one instance served by the other at once.
/// </summary>
public sealed class LowCodeDataTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Records_AreCreatedFilteredChangedAndDeleted_WithinTheirCompany_OnEitherInstance()
    {
        var entity = "customer_" + Guid.NewGuid().ToString("N")[..8];
        var data = $"/api/data/{entity}";
        var company = await instances.AdminOnA.CreateCompanyAsync("Records");
        var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        var defined = await (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Customer", pluralLabel = "Customers", version = 0,
            fields = new object[]
            {
                new { name = "name", label = "Name", type = "Text", required = true, maxLength = 50 },
                new { name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" } },
                new { name = "credit", label = "Credit", type = "Number" },
                new { name = "since", label = "Since", type = "Date" },
            },
        }, Ct)).ReadAsync<JsonElement>();

        // Created through B, right after A defined it.
        var ada = await (await onB.PostAsJsonAsync(data, new { name = "Ada", tier = "gold", credit = 1200.50m, since = "2024-03-01" }, Ct)).ReadAsync<JsonElement>();
        ada.GetProperty("companyId").GetGuid().ShouldBe(company);
        ada.GetProperty("credit").GetDecimal().ShouldBe(1200.50m);
        ada.GetProperty("since").GetString().ShouldBe("2024-03-01");
        await (await onA.PostAsJsonAsync(data, new { name = "Bob", tier = "silver", credit = 80m }, Ct)).ReadAsync<JsonElement>();

        var gold = await onA.GetFromJsonAsync<JsonElement>($"{data}?filter.tier=gold", Ct);
        gold.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["Ada"]);
        var byCredit = await onA.GetFromJsonAsync<JsonElement>($"{data}?sort=-credit", Ct);
        byCredit.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(["Ada", "Bob"]);
        async Task<string?[]> NamesAsync(string query) =>
            [.. (await onA.GetFromJsonAsync<JsonElement>($"{data}?sort=name&{query}", Ct)).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("name").GetString())];
        (await NamesAsync("filter.credit.gte=100")).ShouldBe(["Ada"]);
        (await NamesAsync("filter.name.contains=D")).ShouldBe(["Ada"]);
        (await NamesAsync("filter.name.starts-with=b")).ShouldBe(["Bob"]);
        (await NamesAsync("filter.since.is-null=true")).ShouldBe(["Bob"]);
        (await NamesAsync("filter.since.between=2024-01-01,2024-12-31")).ShouldBe(["Ada"]);
        (await NamesAsync("filter.tier.not-in=gold,bronze")).ShouldBe(["Bob"]);
        (await NamesAsync("filter.name.contains=%25")).ShouldBeEmpty(); // LIKE's own characters match themselves
        var counted = await onA.GetFromJsonAsync<JsonElement>($"{data}?filter.tier.in=gold,silver&count=true&take=1", Ct);
        (counted.GetProperty("total").GetInt64(), counted.GetProperty("totalIsCapped").GetBoolean(), counted.GetProperty("items").GetArrayLength()).ShouldBe((2L, false, 1));
        await (await onA.GetAsync($"{data}?filter.name.like=x", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await onA.GetAsync($"{data}?filter.credit.gt=plenty", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await onA.GetAsync($"{data}?filter.colour=red", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Bad data: every wrong field named, nothing written.
        var problem = await (await onA.PostAsJsonAsync(data, new { tier = "bronze", credit = "a lot", colour = "red" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["tier", "credit", "colour", "name"], ignoreOrder: true);
        await (await onA.PostAsJsonAsync(data, new { name = new string('x', 51) }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM data.{entity}")).ShouldBe(2);

        // A change needs the record's version: the current one works once, a stale one is a conflict.
        var id = ada.GetProperty("id").GetGuid();
        var version = ada.GetProperty("version").GetUInt32();
        var changed = await (await onA.PatchAsJsonAsync($"{data}/{id}", new { version, credit = 1500m }, Ct)).ReadAsync<JsonElement>();
        changed.GetProperty("credit").GetDecimal().ShouldBe(1500m);
        changed.GetProperty("name").GetString().ShouldBe("Ada");
        await (await onB.PatchAsJsonAsync($"{data}/{id}", new { version, credit = 1m }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");

        // Each change is in the audit log, with its old and new values, as any entity's.
        var history = await onA.GetFromJsonAsync<JsonElement>($"/api/audit/entities/data.{entity}/{id}/changes", Ct);
        var changes = (history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("items")).EnumerateArray().ToList();
        changes.Select(c => c.GetProperty("changeType").GetString()).ShouldBe(["Updated", "Created"], ignoreOrder: true);
        var update = changes.Single(c => c.GetProperty("changeType").GetString() == "Updated").GetProperty("properties").EnumerateArray().ShouldHaveSingleItem();
        (update.GetProperty("name").GetString(), update.GetProperty("old").GetString(), update.GetProperty("new").GetString()).ShouldBe(("credit", "1200.50000000", "1500.00000000"));

        // A field added on A is served by B at once.
        var fields = defined.GetProperty("fields").EnumerateArray().Select(f => (object)new
        {
            id = f.GetProperty("id").GetGuid(), name = f.GetProperty("name").GetString(), label = f.GetProperty("label").GetString(), type = f.GetProperty("type").GetString(),
            required = f.GetProperty("required").GetBoolean(), maxLength = f.GetProperty("maxLength").ValueKind == JsonValueKind.Null ? (int?)null : f.GetProperty("maxLength").GetInt32(),
            choices = f.GetProperty("choices").Deserialize<string[]>(),
        }).Append(new { name = "vip", label = "VIP", type = "Boolean" }).ToArray();
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new { label = "Customer", pluralLabel = "Customers", version = 1, fields }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var (status, elapsed) = await Eventually.StatusAsync(() => onB.PostAsJsonAsync(data, new { name = "Cy", vip = true }, Ct), HttpStatusCode.Created, TimeSpan.FromSeconds(5));
        status.ShouldBe(HttpStatusCode.Created);
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));

        // The OpenAPI document of either instance describes the entity's operations and typed fields, the new one too.
        var openApi = JsonDocument.Parse(await onB.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var create = openApi.GetProperty("paths").GetProperty($"/api/data/{entity}").GetProperty("post");
        var schemaName = create.GetProperty("operationId").GetString()!["Create".Length..];
        schemaName.ShouldStartWith("LowCodeCustomer");
        var properties = openApi.GetProperty("components").GetProperty("schemas").GetProperty(schemaName).GetProperty("properties");
        properties.GetProperty("credit").GetProperty("type").EnumerateArray().Select(t => t.GetString()).ShouldContain("number");
        properties.GetProperty("tier").GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ShouldBe(["gold", "silver"]);
        properties.GetProperty("vip").GetProperty("type").EnumerateArray().Select(t => t.GetString()).ShouldContain("boolean");
        create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldBe($"#/components/schemas/{schemaName}Input");
        openApi.GetProperty("paths").GetProperty($"/api/data/{entity}/{{id}}").GetProperty("patch").GetProperty("x-erp-permission").GetString().ShouldBe($"Data.{entity}.Update");

        (await onB.DeleteAsync($"{data}/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await onA.GetAsync($"{data}/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
    }

    [Fact]
    public async Task AnotherCompanysMember_NeverSeesNorChangesTheRecords_AndAUserWithoutThePermissionIsRefused()
    {
        var entity = "ticket_" + Guid.NewGuid().ToString("N")[..8];
        var data = $"/api/data/{entity}";
        var (a, b) = (await instances.AdminOnA.CreateCompanyAsync("Alpha"), await instances.AdminOnA.CreateCompanyAsync("Beta"));
        var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(a);
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Ticket", pluralLabel = "Tickets", version = 0, fields = new object[] { new { name = "subject", label = "Subject", type = "Text" } },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ofA = await (await admin.PostAsJsonAsync(data, new { subject = "Printer on fire" }, Ct)).ReadAsync<JsonElement>();
        var id = ofA.GetProperty("id").GetGuid();

        using var memberOfB = await instances.UserAsync(b, $"Data.{entity}", $"Data.{entity}.Update", $"Data.{entity}.Delete");
        (await memberOfB.GetFromJsonAsync<JsonElement>(data, Ct)).GetProperty("items").GetArrayLength().ShouldBe(0);
        await (await memberOfB.GetAsync($"{data}/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await memberOfB.PatchAsJsonAsync($"{data}/{id}", new { version = ofA.GetProperty("version").GetUInt32(), subject = "mine" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await memberOfB.DeleteAsync($"{data}/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        (await PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT subject FROM data.{entity}")).ShouldBe("Printer on fire");

        using var withoutPermission = await instances.UserAsync(a);
        await (await withoutPermission.GetAsync(data, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await withoutPermission.PostAsJsonAsync(data, new { subject = "x" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.GetAsync("/api/data/no_such_entity", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.entity.not-found");
    }

    [Fact]
    public async Task SixtyFourRacingCreates_OnTwoInstances_GetEveryAutonumberOnce_WithoutAGap()
    {
        var entity = "invoice_" + Guid.NewGuid().ToString("N")[..8];
        var data = $"/api/data/{entity}";
        var company = await instances.AdminOnA.CreateCompanyAsync("Numbers");
        var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Invoice", pluralLabel = "Invoices", version = 0,
            fields = new object[]
            {
                new { name = "number", label = "Number", type = "Autonumber", numberFormat = "INV-{yyyy}-{#####}" },
                new { name = "amount", label = "Amount", type = "Number", required = true, minimum = 0m },
                new { name = "reference", label = "Reference", type = "Text", unique = true },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A create that fails after its number was drawn (a taken reference) gives the number back.
        var first = await (await onA.PostAsJsonAsync(data, new { amount = 1, reference = "R-1" }, Ct)).ReadAsync<JsonElement>();
        await (await onB.PostAsJsonAsync(data, new { amount = 2, reference = "R-1" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.value.not-unique");
        await (await onA.PostAsJsonAsync(data, new { amount = 1e21m }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"); // beyond the column
        var numbers = await Task.WhenAll(Enumerable.Range(1, 63).Select(async i =>
        {
            var created = await (await (i % 2 == 0 ? onA : onB).PostAsJsonAsync(data, new { amount = i }, Ct)).ReadAsync<JsonElement>();
            return created.GetProperty("number").GetString()!;
        }).Append(Task.FromResult(first.GetProperty("number").GetString()!)));
        var year = DateTime.UtcNow.Year;
        numbers.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(1, 64).Select(n => $"INV-{year}-{n:D5}"));

        // The number is the server's to give.
        var problem = await (await onA.PostAsJsonAsync(data, new { amount = 1, number = "INV-1999-00001" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["number"]);
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(DISTINCT number) FROM data.{entity}")).ShouldBe(64);
    }

    [Fact]
    public async Task FieldRules_AndWhatTheDatabaseRefuses_AreProblemsNamingTheField_AndNothingIsWritten()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (customer, order) = ("client_" + suffix, "purchase_" + suffix);
        var (a, b) = (await instances.AdminOnA.CreateCompanyAsync("Own"), await instances.AdminOnA.CreateCompanyAsync("Other"));
        var inA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(a);
        var inB = (await instances.A.CreateSignedInClientAsync()).WorkingIn(b);
        (await inA.PutAsJsonAsync($"/api/low-code/entities/{customer}", new
        {
            label = "Client", pluralLabel = "Clients", version = 0,
            fields = new object[] { new { name = "code", label = "Code", type = "Text", unique = true, pattern = "^[A-Z]{2}-[0-9]+$" } },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await inA.PutAsJsonAsync($"/api/low-code/entities/{order}", new
        {
            label = "Purchase", pluralLabel = "Purchases", version = 0,
            fields = new object[]
            {
                new { name = "client", label = "Client", type = "Reference", references = customer },
                new { name = "quantity", label = "Quantity", type = "WholeNumber", minimum = 1m, maximum = 99m },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ours = (await (await inA.PostAsJsonAsync($"/api/data/{customer}", new { code = "AB-1" }, Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var theirs = (await (await inB.PostAsJsonAsync($"/api/data/{customer}", new { code = "AB-1" }, Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

        async Task<string[]> RefusedAsync(string entity, object body)
        {
            var problem = await (await inA.PostAsJsonAsync($"/api/data/{entity}", body, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
        }

        (await RefusedAsync(customer, new { code = "ab-1" })).ShouldBe(["code"]);
        (await RefusedAsync(order, new { quantity = 0 })).ShouldBe(["quantity"]);
        (await RefusedAsync(order, new { quantity = 100 })).ShouldBe(["quantity"]);
        // Another company's record, or one that does not exist, is no record to refer to.
        (await RefusedAsync(order, new { client = theirs, quantity = 1 })).ShouldBe(["client"]);
        (await RefusedAsync(order, new { client = Guid.NewGuid(), quantity = 1 })).ShouldBe(["client"]);

        var taken = await (await inA.PostAsJsonAsync($"/api/data/{customer}", new { code = "AB-1" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.value.not-unique");
        taken.GetProperty("detail").GetString()!.ShouldContain("AB-1");

        var placed = await (await inA.PostAsJsonAsync($"/api/data/{order}", new { client = ours, quantity = 3 }, Ct)).ReadAsync<JsonElement>();
        placed.GetProperty("client").GetGuid().ShouldBe(ours);
        await (await inA.DeleteAsync($"/api/data/{customer}/{ours}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.record.in-use");

        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM data.{customer}")).ShouldBe(2);
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM data.{order}")).ShouldBe(1);
    }

    [Fact]
    public async Task ABulkWrite_CreatesChangesAndDeletesTogether_OrNotAtAll()
    {
        var entity = "stock_" + Guid.NewGuid().ToString("N")[..8];
        var (data, bulk) = ($"/api/data/{entity}", $"/api/data/{entity}/bulk");
        var company = await instances.AdminOnA.CreateCompanyAsync("Bulk");
        var client = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        (await client.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Stock", pluralLabel = "Stock", version = 0,
            fields = new object[]
            {
                new { name = "code", label = "Code", type = "Text", required = true, unique = true },
                new { name = "quantity", label = "Quantity", type = "WholeNumber", minimum = 0m },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = await (await client.PostAsJsonAsync(bulk, new { create = new[] { new { code = "A", quantity = 1 }, new { code = "B", quantity = 2 }, new { code = "C", quantity = 3 } } }, Ct))
            .ReadAsync<JsonElement>();
        var ids = first.GetProperty("created").EnumerateArray().ToDictionary(r => r.GetProperty("code").GetString()!, r => (Id: r.GetProperty("id").GetGuid(), Version: r.GetProperty("version").GetUInt32()));
        var snapshot = await SnapshotAsync();

        async Task<string[]> RefusedAsync(object body, HttpStatusCode status, string code)
        {
            var problem = await (await client.PostAsJsonAsync(bulk, body, Ct)).ShouldBeProblemAsync(status, code);
            (await SnapshotAsync()).ShouldBe(snapshot); // nothing of it was written
            return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
        }

        (await RefusedAsync(new { create = new[] { new { code = "D", quantity = 1 } }, update = new object[] { new { id = ids["A"].Id, version = ids["A"].Version, quantity = -1 } } },
            HttpStatusCode.BadRequest, "validation")).ShouldBe(["update[0].quantity"]);
        // Refused by the database after the first items were written: they roll back with it.
        await RefusedAsync(new { update = new object[] { new { id = ids["A"].Id, version = ids["A"].Version, quantity = 9 } }, delete = new[] { ids["B"].Id },
            create = new[] { new { code = "E", quantity = 1 }, new { code = "C", quantity = 1 } } }, HttpStatusCode.Conflict, "low-code.value.not-unique");
        (await RefusedAsync(new { update = new object[] { new { id = ids["A"].Id, version = ids["A"].Version, quantity = 9 } }, delete = new[] { Guid.NewGuid() } },
            HttpStatusCode.BadRequest, "validation")).ShouldBe(["delete[0].id"]);
        await RefusedAsync(new { update = new object[] { new { id = ids["A"].Id, version = ids["A"].Version + 1, quantity = 9 } } }, HttpStatusCode.Conflict, "concurrency-conflict");
        await RefusedAsync(new { create = Enumerable.Range(0, 501).Select(i => new { code = $"X{i}" }) }, HttpStatusCode.BadRequest, "validation");

        var done = await (await client.PostAsJsonAsync(bulk, new
        {
            create = new[] { new { code = "D", quantity = 4 } }, update = new object[] { new { id = ids["A"].Id, version = ids["A"].Version, quantity = 9 } }, delete = new[] { ids["B"].Id },
        }, Ct)).ReadAsync<JsonElement>();
        done.GetProperty("updated")[0].GetProperty("quantity").GetInt64().ShouldBe(9);
        done.GetProperty("deleted").EnumerateArray().Select(d => d.GetGuid()).ShouldBe([ids["B"].Id]);
        (await SnapshotAsync()).ShouldBe("A:9,C:3,D:4");

        using var withoutDelete = await instances.UserAsync(company, $"Data.{entity}", $"Data.{entity}.Create");
        await (await withoutDelete.PostAsJsonAsync(bulk, new { create = new[] { new { code = "F" } }, delete = new[] { ids["C"].Id } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Task<string> SnapshotAsync() => PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT string_agg(code || ':' || quantity, ',' ORDER BY code) FROM data.{entity}");
    }
}
