using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>The field types beyond one plain value per column: what they store, how they are checked, filtered, exported and changed.</summary>
public sealed class LowCodeFieldTypeTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMultipleChoice_HoldsChoicesOnly_IsFilteredByThem_AndTravelsThroughFiles()
    {
        var entity = "article_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Tags");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(entity, new { name = "title", label = "Title", type = "Text", unique = true },
            new { name = "tags", label = "Tags", type = "MultipleChoice", choices = new[] { "red", "green", "blue" }, indexed = true });
        var both = await (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "both", tags = new[] { "red", "green" } }, Ct)).ReadAsync<JsonElement>();
        both.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["red", "green"]);
        await admin.CreateRecordAsync(entity, new { title = "red", tags = new[] { "red" } });
        await admin.CreateRecordAsync(entity, new { title = "none", tags = Array.Empty<string>() });

        foreach (var refused in new object[] { new[] { "pink" }, new[] { "red", "red" }, "red", new[] { 1 } })
        {
            var problem = await (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "x", tags = refused }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["tags"]);
        }

        async Task<string[]> TitlesAsync(string query) => [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort=title&{query}", Ct))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()!)];
        (await TitlesAsync("filter.tags=green")).ShouldBe(["both"]);
        (await TitlesAsync("filter.tags=red")).ShouldBe(["both", "red"]);
        (await TitlesAsync("filter.tags.in=green,blue")).ShouldBe(["both"]);
        (await TitlesAsync("filter.tags.ne=red")).ShouldBe(["none"]);
        (await TitlesAsync("filter.tags.not-in=green,blue")).ShouldBe(["none", "red"]);
        (await TitlesAsync("filter.tags.is-null=true")).ShouldBe(["none"]);
        await (await admin.GetAsync($"/api/data/{entity}?filter.tags.gt=red", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await admin.GetAsync($"/api/data/{entity}?sort=tags", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'data' AND tablename = '{entity}' AND indexdef LIKE '%tags%'")).ShouldContain("USING gin");

        // Out as CSV with the choices in one cell, and back in by the title.
        var csv = await admin.GetStringAsync($"/api/data/{entity}/export?sort=title&fields=title,tags", Ct);
        csv.Split('\n')[1].TrimEnd('\r').ShouldEndWith(",both,red; green");
        var imported = await (await admin.PostAsync($"/api/data/{entity}/import?key=title",
            new StringContent("title,tags\nnone,blue; red\n", Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        imported.GetProperty("updated").GetInt32().ShouldBe(1);
        (await TitlesAsync("filter.tags=blue")).ShouldBe(["none"]);

        // A choice a record holds cannot go; one none holds can. The database holds the values to the choices, whoever writes.
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{entity}", Ct))!;
        definition["fields"]![1]!["choices"] = new JsonArray("red", "blue");
        await (await admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.field.values-do-not-convert");
        definition["fields"]![1]!["choices"] = new JsonArray("red", "green", "blue", "black");
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "black", tags = new[] { "black" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Should.ThrowAsync<Npgsql.PostgresException>(() => PostgresServer.ExecuteAsync(
            $"UPDATE data.{entity} SET tags = ARRAY['pink']::varchar[] WHERE title = 'red'", instances.Database));

        var openApi = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var schema = openApi.GetProperty("paths").GetProperty($"/api/data/{entity}").GetProperty("post").GetProperty("operationId").GetString()!["Create".Length..];
        var tags = openApi.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty("tags");
        tags.GetProperty("items").GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ShouldBe(["red", "green", "blue", "black"]);
    }

    [Fact]
    public async Task AMoneyField_IsAnAmountInACurrency_InOneColumn_FilteredSortedAndFiledByItsAmount()
    {
        var entity = "quote_" + Guid.NewGuid().ToString("N")[..8];
        var deal = "deal_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Money");
        using var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        var refused = await (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = entity, pluralLabel = entity, version = 0,
            fields = new object[]
            {
                new { name = "price", label = "Price", type = "Money", choices = new[] { "EUR", "euro" } },
                new { name = "fee", label = "Fee", type = "Money", unique = true },
            },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["fields[0].choices", "fields[1].unique"], ignoreOrder: true);
        await onA.DefineAsync(entity, new { name = "title", label = "Title", type = "Text", unique = true },
            new { name = "price", label = "Price", type = "Money", choices = new[] { "EUR", "USD" }, minimum = 0, indexed = true, required = true },
            new { name = "qty", label = "Quantity", type = "WholeNumber" },
            new { name = "total", label = "Total", type = "Computed", expression = "qty * price" },
            new { name = "lines", label = "Lines", type = "Lines", fields = new object[] { new { name = "cost", label = "Cost", type = "Money" } } });

        // Written and read on either instance as {amount, currency}; a line has one too; a computed field takes the amount.
        var created = await (await onB.PostAsJsonAsync($"/api/data/{entity}", new
        {
            title = "small", price = new { amount = 12.5m, currency = "EUR" }, qty = 2, lines = new[] { new { cost = new { amount = 3m, currency = "CHF" } } },
        }, Ct)).ReadAsync<JsonElement>();
        (created.GetProperty("price").GetProperty("amount").GetDecimal(), created.GetProperty("price").GetProperty("currency").GetString()).ShouldBe((12.5m, "EUR"));
        created.GetProperty("total").GetDecimal().ShouldBe(25m);
        created.GetProperty("lines")[0].GetProperty("cost").GetProperty("currency").GetString().ShouldBe("CHF");
        await onA.CreateRecordAsync(entity, new { title = "large", price = new { amount = 900, currency = "USD" } });
        await onA.CreateRecordAsync(entity, new { title = "middle", price = new { amount = 40, currency = "EUR" } });

        foreach (var bad in new object[]
        {
            new { amount = 1, currency = "GBP" }, new { amount = -1, currency = "EUR" }, new { amount = 1, currency = "eur" }, new { amount = 1 },
            new { amount = "1", currency = "EUR" }, new { amount = 1, currency = "EUR", rate = 1 }, 12.5m, "12.5 EUR",
        })
        {
            var problem = await (await onA.PostAsJsonAsync($"/api/data/{entity}", new { title = "bad", price = bad }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["price"], JsonSerializer.Serialize(bad));
        }

        // Filters and sorts compare the amount, <field>.currency the currency; keyset pages run through the amounts.
        async Task<string[]> TitlesAsync(string query) => [.. (await onB.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?{query}", Ct))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()!)];
        (await TitlesAsync("filter.price.gt=20&sort=price")).ShouldBe(["middle", "large"]);
        (await TitlesAsync("filter.price.currency=EUR&sort=-price")).ShouldBe(["middle", "small"]);
        (await TitlesAsync("filter.price.currency.in=USD,CHF")).ShouldBe(["large"]);
        (await TitlesAsync("filter.price.between=10,50&sort=title")).ShouldBe(["middle", "small"]);
        await (await onB.GetAsync($"/api/data/{entity}?filter.price.contains=1", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var titles = new List<string>();
        string? cursor = null;
        do
        {
            var page = await onB.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort=-price&take=1" + (cursor is null ? "" : $"&cursor={cursor}"), Ct);
            titles.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()!));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        titles.ShouldBe(["large", "middle", "small"]);
        (await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'data' AND tablename = '{entity}' AND indexdef LIKE '%price%'")).ShouldContain(".amount");

        // A referenced record's money, expanded and filtered through the reference.
        await onA.DefineAsync(deal, new { name = "name", label = "Name", type = "Text" }, new { name = "quote", label = "Quote", type = "Reference", references = entity });
        var large = (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?filter.title=large", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        await onA.CreateRecordAsync(deal, new { name = "big deal", quote = large });
        var deals = await onB.GetFromJsonAsync<JsonElement>($"/api/data/{deal}?expand=quote&filter.quote.price.gte=100", Ct);
        deals.GetProperty("items")[0].GetProperty("expanded").GetProperty("quote").GetProperty("price").GetProperty("currency").GetString().ShouldBe("USD");

        // Files write it "12.5 EUR" and read it back so; a cell that is no money is refused under its field.
        var csv = await onA.GetStringAsync($"/api/data/{entity}/export?sort=title&fields=title,price", Ct);
        csv.Split('\n')[3].TrimEnd('\r').ShouldEndWith(",small,12.5 EUR");
        var imported = await (await onA.PostAsync($"/api/data/{entity}/import?key=title",
            new StringContent("title,price\nsmall,13 USD\n", Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        imported.GetProperty("updated").GetInt32().ShouldBe(1);
        (await TitlesAsync("filter.price.currency=USD&sort=price")).ShouldBe(["small", "large"]);
        var refusedRow = await (await onA.PostAsync($"/api/data/{entity}/import?key=title",
            new StringContent("title,price\nsmall,13 dollars\n", Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        refusedRow.GetProperty("rows")[0].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["price"]);

        // The database holds every value to an amount and one of the currencies; a currency a record has cannot go; the type stays.
        await Should.ThrowAsync<Npgsql.PostgresException>(() => PostgresServer.ExecuteAsync(
            $"UPDATE data.{entity} SET price = ROW(1, 'GBP')::lowcode.currency_amount WHERE title = 'small'", instances.Database));
        var definition = (await onA.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{entity}", Ct))!;
        definition["fields"]![1]!["choices"] = new JsonArray("EUR");
        await (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.field.values-do-not-convert");
        definition["fields"]![1]!["choices"] = new JsonArray("EUR", "USD", "GBP");
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await onB.PostAsJsonAsync($"/api/data/{entity}", new { title = "pounds", price = new { amount = 1, currency = "GBP" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        definition = (await onA.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{entity}", Ct))!;
        definition["fields"]![1]!["type"] = "Number";
        await (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        var openApi = JsonDocument.Parse(await onA.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var schema = openApi.GetProperty("paths").GetProperty($"/api/data/{entity}").GetProperty("post").GetProperty("operationId").GetString()!["Create".Length..];
        var price = openApi.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty("price");
        price.GetProperty("properties").GetProperty("currency").GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ShouldBe(["EUR", "USD", "GBP"]);
        price.GetProperty("required").EnumerateArray().Select(c => c.GetString()).ShouldBe(["amount", "currency"], ignoreOrder: true);
    }

    [Fact]
    public async Task AComputedField_IsAColumnTheDatabaseComputes_FromAnExpressionCheckedLikeANameIs()
    {
        var entity = "invoice_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Computed");
        using var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Invoice", pluralLabel = "Invoices", version = 0,
            fields = new object[]
            {
                new { name = "code", label = "Code", type = "Text" },
                new { name = "qty", label = "Quantity", type = "WholeNumber" },
                new { name = "price", label = "Price", type = "Number" },
                new { name = "total", label = "Total", type = "Computed", expression = "round(qty * price * 1.19, 2)", indexed = true },
                new { name = "unit", label = "Per unit", type = "Computed", expression = "price / qty" },
                new { name = "tag", label = "Tag", type = "Computed", expression = "upper(code) & '-' & text(qty) & ' o''clock'" },
                new
                {
                    name = "lines", label = "Lines", type = "Lines",
                    fields = new object[]
                    {
                        new { name = "hours", label = "Hours", type = "Number" }, new { name = "rate", label = "Rate", type = "Number" },
                        new { name = "amount", label = "Amount", type = "Computed", expression = "coalesce(hours, 0) * rate" },
                    },
                },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Computed by the database on every write, on either instance; a body cannot set one, nor a line's.
        var record = await (await onB.PostAsJsonAsync($"/api/data/{entity}", new { code = "ab", qty = 4, price = 2.5m, lines = new[] { new { hours = 2, rate = 50 } } }, Ct))
            .ReadAsync<JsonElement>();
        (record.GetProperty("total").GetDecimal(), record.GetProperty("unit").GetDecimal(), record.GetProperty("tag").GetString()).ShouldBe((11.9m, 0.625m, "AB-4 o'clock"));
        record.GetProperty("lines")[0].GetProperty("amount").GetDecimal().ShouldBe(100m);
        var free = await (await onB.PostAsJsonAsync($"/api/data/{entity}", new { code = "zero", qty = 0, price = 3 }, Ct)).ReadAsync<JsonElement>();
        free.GetProperty("unit").ValueKind.ShouldBe(JsonValueKind.Null, "a division by zero is empty, not an error");
        foreach (var body in new object[] { new { code = "x", total = 1 }, new { code = "x", lines = new[] { new { hours = 1, amount = 5 } } } })
            await (await onB.PostAsJsonAsync($"/api/data/{entity}", body, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var sorted = await onA.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?filter.total.gt=5&sort=-total", Ct);
        sorted.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["ab"]);
        (await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT is_generated FROM information_schema.columns WHERE table_schema = 'data' AND table_name = '{entity}' AND column_name = 'total'")).ShouldBe("ALWAYS");

        // Expressions that are none are refused under the field's key, and the table stays as it was.
        var definition = (await onA.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{entity}", Ct))!;
        var columnsBefore = await ColumnsAsync();
        foreach (var bad in new[] { "qty * code", "\"; DROP TABLE x; --", "qty + nothing", "total * 2", "round(qty, price)", "qty +", "upper(qty)", "'open" })
        {
            var attempt = definition.DeepClone();
            attempt["fields"]![4]!["expression"] = bad;
            var problem = await (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", attempt, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", bad);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["fields[4].expression"], bad);
        }

        (await ColumnsAsync()).ShouldBe(columnsBefore);

        // A new expression computes every row again; a stored field's new type and name carry the computed fields along.
        definition["fields"]![1]!["type"] = "Number";
        definition["fields"]![1]!["name"] = "quantity";
        definition["fields"]![3]!["expression"] = "quantity * price * 2";
        definition["fields"]![4]!["expression"] = "price / quantity";
        definition["fields"]![5]!["expression"] = "code";
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var recomputed = await onB.GetFromJsonAsync<JsonElement>($"/api/data/{entity}/{record.GetProperty("id").GetGuid()}", Ct);
        (recomputed.GetProperty("quantity").GetDecimal(), recomputed.GetProperty("total").GetDecimal(), recomputed.GetProperty("tag").GetString()).ShouldBe((4m, 20m, "ab"));
        var stored = (await onA.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{entity}", Ct)).GetProperty("fields")[3];
        (stored.GetProperty("type").GetString(), stored.GetProperty("expression").GetString()).ShouldBe(("Computed", "quantity * price * 2"));

        Task<string> ColumnsAsync() => PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT string_agg(column_name || ':' || data_type || ':' || coalesce(generation_expression, ''), ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'data' AND table_name = '{entity}'");
    }

    [Fact]
    public async Task AnAttachmentField_HoldsOneOfItsRecordsFiles_AndNoOneElses()
    {
        var entity = "contract_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Attachments");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        var refused = await (await admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = entity, pluralLabel = entity, version = 0,
            fields = new object[] { new { name = "title", label = "Title", type = "Text" }, new { name = "scan", label = "Scan", type = "Attachment", required = true } },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["fields[1].type"]);
        await admin.DefineAsync(entity, new { name = "title", label = "Title", type = "Text" }, new { name = "scan", label = "Scan", type = "Attachment" });

        // The file goes to the record through the attachments API, then the field takes its id.
        var signed = await admin.CreateRecordAsync(entity, new { title = "signed" });
        var other = await admin.CreateRecordAsync(entity, new { title = "other" });
        var path = $"/api/attachments/data-{entity}";
        var scan = (await (await admin.PostAsync($"{path}/{signed}", Files.Upload(Files.Png(), "scan.png"), Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "new", scan }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await admin.PatchAsJsonAsync($"/api/data/{entity}/{other}", new { version = await VersionAsync(other), scan }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"); // another record's file
        await (await admin.PatchAsJsonAsync($"/api/data/{entity}/{signed}", new { version = await VersionAsync(signed), scan = Guid.NewGuid() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var updated = await (await admin.PatchAsJsonAsync($"/api/data/{entity}/{signed}", new { version = await VersionAsync(signed), scan }, Ct)).ReadAsync<JsonElement>();
        updated.GetProperty("scan").GetGuid().ShouldBe(scan);
        (await admin.GetByteArrayAsync($"{path}/{signed}/{scan}/content", Ct)).ShouldBe(Files.Png());
        (await admin.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?filter.scan.is-null=false", Ct)).GetProperty("items").GetArrayLength().ShouldBe(1);

        // The record's files are for those who see the record: read to list, update to attach; no file of a record one cannot see.
        using var reader = await instances.UserAsync(company, $"Data.{entity}");
        (await reader.GetFromJsonAsync<JsonElement[]>($"{path}/{signed}", Ct))!.ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(scan);
        await (await reader.PostAsync($"{path}/{signed}", Files.Upload(Files.Png(), "mine.png"), Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await reader.GetAsync($"{path}/{Guid.NewGuid()}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        var elsewhere = await instances.AdminOnA.CreateCompanyAsync("Elsewhere");
        using var stranger = await instances.UserAsync(elsewhere, $"Data.{entity}", $"Data.{entity}.Update");
        await (await stranger.GetAsync($"{path}/{signed}/{scan}/content", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        async Task<uint> VersionAsync(Guid id) => (await admin.GetFromJsonAsync<JsonElement>($"/api/data/{entity}/{id}", Ct)).GetProperty("version").GetUInt32();
    }
}
