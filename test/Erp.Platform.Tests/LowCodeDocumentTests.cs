using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// A model moves from one installation (staging, the fixture's database) to another (production, a database of its own)
/// as a definitions document: the import creates it, a second import changes nothing, and a rename made in staging
/// reaches production as a rename that keeps production's data.
/// </summary>
public sealed class LowCodeDocumentTests(TwoInstances staging) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADefinitionsDocument_ImportsIdempotently_AndCarriesRenamesToAnotherInstallation()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (customer, order) = ("client_" + suffix, "purchase_" + suffix);
        var admin = staging.AdminOnA;
        await SaveAsync(admin, customer, 0, new { name = "name", label = "Name", type = "Text", searchable = true },
            new { name = "tier", label = "Tier", type = "Choice", choices = new[] { "Gold", "Silver" } });
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{order}", new
        {
            label = "Purchase", pluralLabel = "Purchases", version = 0, displayField = "number",
            fields = new object[]
            {
                new { name = "number", label = "Number", type = "Autonumber", numberFormat = "PO-{#####}" },
                new { name = "client", label = "Client", type = "Reference", references = customer },
                new { name = "lines", label = "Lines", type = "Lines", fields = new object[] { new { name = "item", label = "Item", type = "Text" } } },
            },
            recordRules = new object[] { new { name = "own", label = "Their own", kind = "Own" } },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Each refers to the other: the import creates one before the other exists.
        var customerDefinition = await admin.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{customer}", Ct);
        await SaveAsync(admin, customer, 1, [.. customerDefinition.GetProperty("fields").EnumerateArray().Select(f => (object)f),
            new { name = "last_purchase", label = "Last purchase", type = "Reference", references = order }]);

        var document = await admin.GetFromJsonAsync<JsonObject>($"/api/low-code/definitions/export?entities={customer}&entities={order}", Ct);
        document!["entities"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ShouldBe([order, customer], ignoreOrder: true);

        var productionDatabase = await TestDatabases.CreateMigratedAsync();
        await using var production = new ErpHost(productionDatabase, [TestPlugins.Sample]);
        using var productionAdmin = await production.CreateSignedInClientAsync();
        Task<bool> TableExistsAsync(string entity) => PostgresServer.ScalarAsync<bool>(productionDatabase, $"SELECT to_regclass('data.{entity}') IS NOT NULL");

        var dryRun = await ImportAsync(productionAdmin, document, dryRun: true);
        dryRun.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        Outcomes(dryRun).ShouldBe([$"{order}:Created", $"{customer}:Created"], ignoreOrder: true);
        dryRun.GetProperty("entities").EnumerateArray().ShouldAllBe(e => e.GetProperty("statements").GetArrayLength() > 0);
        (await TableExistsAsync(customer)).ShouldBeFalse("a dry run changes nothing");

        Outcomes(await ImportAsync(productionAdmin, document)).ShouldBe([$"{order}:Created", $"{customer}:Created"], ignoreOrder: true);
        (await TableExistsAsync(order)).ShouldBeTrue();
        (await FieldIdsAsync(productionAdmin, customer)).ShouldBe(await FieldIdsAsync(admin, customer), "fields keep their ids across installations");
        (await productionAdmin.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{order}", Ct)).GetProperty("recordRules")[0].GetProperty("name").GetString().ShouldBe("own");
        var revisions = await RevisionsAsync(productionAdmin);
        Outcomes(await ImportAsync(productionAdmin, document)).ShouldBe([$"{order}:Unchanged", $"{customer}:Unchanged"], ignoreOrder: true);
        (await RevisionsAsync(productionAdmin)).ShouldBe(revisions, "a second import adds no revision");

        // Production has data; staging renames a field and adds one; the next import renames it there too.
        var company = await productionAdmin.CreateCompanyAsync("Production");
        using var clerk = (await production.CreateSignedInClientAsync()).WorkingIn(company);
        var ada = (await (await clerk.PostAsJsonAsync($"/api/data/{customer}", new { name = "Ada", tier = "Gold" }, Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        customerDefinition = await admin.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{customer}", Ct);
        var renamed = customerDefinition.GetProperty("fields").EnumerateArray().Select(f => JsonNode.Parse(f.GetRawText())!).ToList();
        renamed.Single(f => f["name"]!.GetValue<string>() == "tier")["name"] = "level";
        await SaveAsync(admin, customer, 2, [.. renamed, new { name = "note", label = "Note", type = "LongText" }]);
        document = await admin.GetFromJsonAsync<JsonObject>($"/api/low-code/definitions/export?entities={customer}", Ct);
        Outcomes(await ImportAsync(productionAdmin, document)).ShouldBe([$"{customer}:Changed"]);
        var record = await clerk.GetFromJsonAsync<JsonElement>($"/api/data/{customer}/{ada}", Ct);
        record.GetProperty("level").GetString().ShouldBe("Gold");
        record.TryGetProperty("tier", out _).ShouldBeFalse();

        // A refusal names the entity of the document, and nothing of the import is applied.
        revisions = await RevisionsAsync(productionAdmin);
        var broken = JsonNode.Parse(document!.ToJsonString())!.AsObject();
        broken["entities"]!.AsArray().Add(JsonNode.Parse($$"""{ "name": "fresh_{{suffix}}", "definition": { "label": "F", "pluralLabel": "Fs", "fields": [ { "name": "select", "label": "S", "type": "Text" } ] } }"""));
        broken["entities"]![0]!["definition"]!["label"] = "Client (changed)";
        var problem = await (await productionAdmin.PostAsJsonAsync("/api/low-code/definitions/import", broken, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["entities[1].definition.fields[0].name"]);
        (await RevisionsAsync(productionAdmin)).ShouldBe(revisions, "the first entity's change was rolled back with the refused second");
        (await TableExistsAsync($"fresh_{suffix}")).ShouldBeFalse();
        broken["format"] = "something/2";
        await (await productionAdmin.PostAsJsonAsync("/api/low-code/definitions/import", broken, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        await (await admin.GetAsync($"/api/low-code/definitions/export?entities=nothing_{suffix}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.entity.not-found");
    }

    [Fact]
    public async Task ExtraFieldsOfAPluginsEntity_TravelInTheDocument_AfterTheEntitiesTheyReferTo()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var region = "region_" + suffix;
        var admin = staging.AdminOnA;
        await SaveAsync(admin, region, 0, new { name = "name", label = "Name", type = "Text" });
        (await admin.PutAsJsonAsync(Extension, new
        {
            version = 0,
            fields = new object[]
            {
                new { name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" }, indexed = true },
                new { name = "region", label = "Region", type = "Reference", references = region },
                new { name = "status", label = "Status", type = "Choice", choices = new[] { "draft", "approved" } },
            },
            workflow = new
            {
                field = "status", states = new object[] { new { name = "draft", label = "Draft", initial = true }, new { name = "approved", label = "Approved", readOnly = true } },
                transitions = new object[] { new { name = "approve", label = "Approve", from = new[] { "draft" }, to = "approved" } },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var document = await admin.GetFromJsonAsync<JsonObject>($"/api/low-code/definitions/export?entities={region}&entities=sample.exchange_rate", Ct);
        var extension = document!["extensions"]!.AsArray().Single()!;
        (extension["entity"]!.GetValue<string>(), extension["definition"]!["fields"]!.AsArray().Count).ShouldBe(("sample.exchange_rate", 3));

        var productionDatabase = await TestDatabases.CreateMigratedAsync();
        await using var production = new ErpHost(productionDatabase, [TestPlugins.Sample]);
        using var productionAdmin = await production.CreateSignedInClientAsync();
        Task<string> ColumnsAsync() => PostgresServer.ScalarAsync<string>(productionDatabase,
            "SELECT coalesce(string_agg(column_name, ',' ORDER BY ordinal_position), '') FROM information_schema.columns " +
            "WHERE table_schema = 'sample' AND table_name = 'exchange_rates' AND column_name LIKE 'x\\_%'");

        var dryRun = await ImportAsync(productionAdmin, document, dryRun: true);
        Outcomes(dryRun, "extensions").ShouldBe(["sample.exchange_rate:Created"]);
        (await ColumnsAsync()).ShouldBe("", "a dry run changes nothing");

        Outcomes(await ImportAsync(productionAdmin, document), "extensions").ShouldBe(["sample.exchange_rate:Created"]);
        (await ColumnsAsync()).ShouldBe("x_tier,x_region,x_status");
        (await PostgresServer.ScalarAsync<string>(productionDatabase,
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'sample.exchange_rates'::regclass AND contype = 'f' AND conname LIKE 'fk\\_%'"))
            .ShouldBe($"data.{region}");
        (await ExtensionFieldIdsAsync(productionAdmin)).ShouldBe(await ExtensionFieldIdsAsync(admin), "fields keep their ids across installations");
        Outcomes(await ImportAsync(productionAdmin, document), "extensions").ShouldBe(["sample.exchange_rate:Unchanged"]);
        (await productionAdmin.GetFromJsonAsync<JsonElement>(Extension, Ct)).GetProperty("version").GetInt32().ShouldBe(1, "a second import adds no revision");

        // Production has a rate; staging renames a field; the next import renames the column there, its values kept.
        var company = await productionAdmin.CreateCompanyAsync("Production");
        using var clerk = (await production.CreateSignedInClientAsync()).WorkingIn(company);
        var rate = (await (await clerk.PostAsJsonAsync("/api/sample/exchange-rates", new { currency = "USD", rate = 0.9m, validFrom = "2026-12-01", extra = new { tier = "gold" } }, Ct))
            .ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var fields = (await admin.GetFromJsonAsync<JsonObject>(Extension, Ct))!["fields"]!.AsArray();
        fields.Single(f => f!["name"]!.GetValue<string>() == "tier")!["name"] = "level";
        var workflow = (await admin.GetFromJsonAsync<JsonObject>(Extension, Ct))!["workflow"];
        (await admin.PutAsJsonAsync(Extension, new { version = 1, fields, workflow }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        document = await admin.GetFromJsonAsync<JsonObject>("/api/low-code/definitions/export?entities=sample.exchange_rate", Ct);
        Outcomes(await ImportAsync(productionAdmin, document), "extensions").ShouldBe(["sample.exchange_rate:Changed"]);
        (await clerk.GetFromJsonAsync<JsonElement>($"/api/sample/exchange-rates/{rate}", Ct)).GetProperty("extra").GetProperty("level").GetString().ShouldBe("gold");
        (await (await clerk.PostAsJsonAsync($"{Extension}/{rate}/transitions/approve", new { }, Ct)).ReadAsync<JsonElement>()).GetProperty("state").GetString()
            .ShouldBe("approved", "the workflow came with the fields");

        // Refusals name the extension of the document, and nothing of the import is applied.
        var broken = JsonNode.Parse(document!.ToJsonString())!.AsObject();
        broken["entities"] = JsonNode.Parse($$"""[ { "name": "fresh_{{suffix}}", "definition": { "label": "F", "pluralLabel": "Fs", "fields": [ { "name": "a", "label": "A", "type": "Text" } ] } } ]""");
        broken["extensions"]![0]!["definition"]!["fields"]!.AsArray().Add(JsonNode.Parse("""{ "name": "select", "label": "S", "type": "Text" }"""));
        var problem = await (await productionAdmin.PostAsJsonAsync("/api/low-code/definitions/import", broken, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["extensions[0].definition.fields[3].name"]);
        (await PostgresServer.ScalarAsync<bool>(productionDatabase, $"SELECT to_regclass('data.fresh_{suffix}') IS NOT NULL")).ShouldBeFalse("the entity was rolled back with the refused extension");
        broken["extensions"]![0]!["entity"] = "sample.nothing";
        problem = await (await productionAdmin.PostAsJsonAsync("/api/low-code/definitions/import", broken, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["extensions[0].entity"]);
    }

    private const string Extension = "/api/low-code/extensions/sample.exchange_rate";

    private static async Task<string[]> ExtensionFieldIdsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>(Extension, Ct)).GetProperty("fields").EnumerateArray()
            .Select(f => $"{f.GetProperty("name").GetString()}={f.GetProperty("id").GetGuid()}")];

    private static async Task SaveAsync(HttpClient client, string entity, int version, params object[] fields) =>
        (await client.PutAsJsonAsync($"/api/low-code/entities/{entity}", new { label = entity, pluralLabel = entity, version, fields }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

    private static async Task<JsonElement> ImportAsync(HttpClient client, JsonObject? document, bool dryRun = false) =>
        await (await client.PostAsJsonAsync($"/api/low-code/definitions/import?dryRun={dryRun}", document, Ct)).ReadAsync<JsonElement>();

    private static string[] Outcomes(JsonElement result, string of = "entities") =>
        [.. result.GetProperty(of).EnumerateArray().Select(e => $"{e.GetProperty("name").GetString()}:{e.GetProperty("outcome").GetString()}")];

    private static async Task<string[]> FieldIdsAsync(HttpClient client, string entity) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{entity}", Ct)).GetProperty("fields").EnumerateArray()
            .Select(f => $"{f.GetProperty("name").GetString()}={f.GetProperty("id").GetGuid()}")];

    private static async Task<string> RevisionsAsync(HttpClient client) =>
        string.Join(",", (await client.GetFromJsonAsync<JsonElement[]>("/api/low-code/entities", Ct))!.Select(e => $"{e.GetProperty("name").GetString()}@{e.GetProperty("version").GetInt32()}"));
}
