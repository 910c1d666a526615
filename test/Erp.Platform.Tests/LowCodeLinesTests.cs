using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// An order with lines (a lines field: a table of its own) and a reference, through <c>/api/data</c> on two instances:
/// lines written and read with the record in one statement, changed as a set, audited one by one and deleted with the
/// record; references expanded in the same statement; keyset paging through a sort with empty values (last ascending, first
/// descending); field selection; the count alone.
/// </summary>
public sealed class LowCodeLinesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOrder_IsWrittenAndReadWithItsLines_TheLinesChangeAsASet_AndGoWithTheOrder()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (customer, product, order) = ("buyer_" + suffix, "item_" + suffix, "sale_" + suffix);
        var (a, b) = (await instances.AdminOnA.CreateCompanyAsync("Seller"), await instances.AdminOnA.CreateCompanyAsync("Elsewhere"));
        var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(a);
        var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(a);
        await onA.DefineAsync(customer, new { name = "name", label = "Name", type = "Text", required = true });
        await onA.DefineAsync(product, new { name = "name", label = "Name", type = "Text", required = true }, new { name = "price", label = "Price", type = "Number" });
        var plan = await (await onA.PostAsJsonAsync($"/api/low-code/entities/{order}/plan", Order(customer, product), Ct)).ReadAsync<JsonElement>();
        plan.GetProperty("statements").EnumerateArray().Select(s => s.GetString()!).ShouldContain(s => s.StartsWith($"CREATE TABLE data.\"{order}__lines\"", StringComparison.Ordinal));
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{order}", Order(customer, product), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ada = await onA.CreateRecordAsync(customer, new { name = "Ada" });
        var (bolt, nut) = (await onA.CreateRecordAsync(product, new { name = "Bolt", price = 0.5m }), await onA.CreateRecordAsync(product, new { name = "Nut", price = 0.2m }));
        var foreign = await (await instances.A.CreateSignedInClientAsync()).WorkingIn(b).CreateRecordAsync(product, new { name = "Theirs" });

        var created = await (await onB.PostAsJsonAsync($"/api/data/{order}", new
        {
            customer = ada, lines = new object[] { new { product = bolt, quantity = 10, price = 0.5m }, new { product = nut, quantity = 20, price = 0.2m } },
        }, Ct)).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var lines = created.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("quantity").GetInt64()).ShouldBe([10L, 20L]);
        var (first, second) = (lines[0].GetProperty("id").GetGuid(), lines[1].GetProperty("id").GetGuid());

        // Read on the other instance: the lines come with the record; a list has them (and the customer) when asked.
        (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{order}/{id}", Ct)).GetProperty("lines").GetArrayLength().ShouldBe(2);
        var plain = (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{order}", Ct)).GetProperty("items").EnumerateArray().Single();
        plain.TryGetProperty("lines", out _).ShouldBeFalse();
        var listed = (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{order}?expand=customer,lines", Ct)).GetProperty("items").EnumerateArray().Single();
        listed.GetProperty("expanded").GetProperty("customer").GetProperty("name").GetString().ShouldBe("Ada");
        listed.GetProperty("lines")[1].GetProperty("product").GetGuid().ShouldBe(nut);
        await (await onA.GetAsync($"/api/data/{order}?expand=quantity", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Bad lines are named by their place; nothing is written.
        var problem = await (await onA.PostAsJsonAsync($"/api/data/{order}", new
        {
            customer = ada, lines = new object[] { new { product = bolt, quantity = 1 }, new { product = nut, quantity = 0 }, new { product = foreign, quantity = 1 } },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["lines[1].quantity"]);
        problem = await (await onA.PostAsJsonAsync($"/api/data/{order}", new { customer = ada, lines = new object[] { new { product = foreign, quantity = 1 } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["lines[0].product"]);
        await (await onA.PostAsJsonAsync($"/api/data/{order}", new { customer = ada, lines = Array.Empty<object>() }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM data.\"{order}__lines\"")).ShouldBe(2);

        // A change gives the lines as they are to be: the first kept and changed, the second gone, a third new.
        var version = created.GetProperty("version").GetUInt32();
        var changed = await (await onA.PatchAsJsonAsync($"/api/data/{order}/{id}", new
        {
            version, lines = new object[] { new { id = first, product = bolt, quantity = 12, price = 0.5m }, new { product = nut, quantity = 5, price = 0.25m } },
        }, Ct)).ReadAsync<JsonElement>();
        var now = changed.GetProperty("lines").EnumerateArray().ToList();
        now.Select(l => (l.GetProperty("quantity").GetInt64(), l.GetProperty("price").GetDecimal())).ShouldBe([(12L, 0.5m), (5L, 0.25m)]);
        now[0].GetProperty("id").GetGuid().ShouldBe(first);
        now[1].GetProperty("id").GetGuid().ShouldNotBe(second);
        // A copy from before that change is stale, even though only lines changed; a line of no one's is refused.
        await (await onB.PatchAsJsonAsync($"/api/data/{order}/{id}", new { version, lines = new object[] { new { product = nut, quantity = 1 } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
        problem = await (await onB.PatchAsJsonAsync($"/api/data/{order}/{id}", new
        {
            version = changed.GetProperty("version").GetUInt32(), lines = new object[] { new { id = second, product = nut, quantity = 1 } },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["lines[0].id"]);

        // Each line's changes are in the audit log as any entity's.
        var history = await onA.GetFromJsonAsync<JsonElement>($"/api/audit/entities/data.{order}__lines/{first}/changes", Ct);
        var changes = (history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("items")).EnumerateArray().ToList();
        changes.Select(c => c.GetProperty("changeType").GetString()).ShouldBe(["Updated", "Created"], ignoreOrder: true);

        (await onB.DeleteAsync($"/api/data/{order}/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM data.\"{order}__lines\"")).ShouldBe(0);
        history = await onA.GetFromJsonAsync<JsonElement>($"/api/audit/entities/data.{order}__lines/{first}/changes", Ct);
        (history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("items")).EnumerateArray().Select(c => c.GetProperty("changeType").GetString())
            .ShouldContain("Deleted");
    }

    [Fact]
    public async Task AQuery_CombinesFilterGroups_AndFiltersThroughAReference_AndRefusesWhatItCannotCompile()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (customer, order) = ("party_" + suffix, "deal_" + suffix);
        var company = await instances.AdminOnA.CreateCompanyAsync("Queries");
        var client = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        await client.DefineAsync(customer, new { name = "name", label = "Name", type = "Text" }, new { name = "city", label = "City", type = "Text" });
        await client.DefineAsync(order, new { name = "title", label = "Title", type = "Text" }, new { name = "customer", label = "Customer", type = "Reference", references = customer },
            new { name = "amount", label = "Amount", type = "Number" }, new { name = "status", label = "Status", type = "Choice", choices = new[] { "open", "won", "lost" } });
        var (oslo, lyon) = (await client.CreateRecordAsync(customer, new { name = "Nora", city = "Oslo" }), await client.CreateRecordAsync(customer, new { name = "Lea", city = "Lyon" }));
        await client.CreateRecordAsync(order, new { title = "small open in Oslo", customer = oslo, amount = 10, status = "open" });
        await client.CreateRecordAsync(order, new { title = "big won in Lyon", customer = lyon, amount = 900, status = "won" });
        await client.CreateRecordAsync(order, new { title = "big lost in Oslo", customer = oslo, amount = 800, status = "lost" });
        await client.CreateRecordAsync(order, new { title = "nobody's", amount = 5, status = "open" });

        async Task<string?[]> TitlesAsync(object filter)
        {
            var page = await (await client.PostAsJsonAsync($"/api/data/{order}/query", new { filter, sort = "title" }, Ct)).ReadAsync<JsonElement>();
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString())];
        }

        // (status = open OR amount > 500) AND NOT customer.city = Lyon
        (await TitlesAsync(new
        {
            and = new object[]
            {
                new { or = new object[] { new { field = "status", value = "open" }, new { field = "amount", op = "gt", value = 500 } } },
                new { not = new { field = "customer.city", value = "Lyon" } },
            },
        })).ShouldBe(["big lost in Oslo", "nobody's", "small open in Oslo"]);
        (await TitlesAsync(new { field = "customer.city", op = "in", value = new[] { "Oslo", "Paris" } })).ShouldBe(["big lost in Oslo", "small open in Oslo"]);
        (await TitlesAsync(new { or = Array.Empty<object>() })).ShouldBeEmpty();
        var fromQueryString = await client.GetFromJsonAsync<JsonElement>($"/api/data/{order}?filter.customer.city=Lyon&filter.amount.gte=100", Ct);
        fromQueryString.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ShouldBe(["big won in Lyon"]);

        async Task RefusedAsync(object filter, string key)
        {
            var problem = await (await client.PostAsJsonAsync($"/api/data/{order}/query", new { filter }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([key]);
        }

        await RefusedAsync(new { or = new object[] { new { field = "status", value = "open" }, new { field = "customer.colour", value = "red" } } }, "filter.or[1]");
        await RefusedAsync(new { and = new object[] { new { field = "amount", op = "gt", value = "lots" } } }, "filter.and[0]");
        await RefusedAsync(new { field = "title", op = "like", value = "x" }, "filter");
        await RefusedAsync(new { field = "title", value = "x", not = new { field = "title", value = "y" } }, "filter");
        object deep = new { field = "title", value = "x" };
        for (var i = 0; i < RecordFiltersDepth; i++) deep = new { not = deep };
        await RefusedAsync(deep, "filter" + string.Concat(Enumerable.Repeat(".not", 5)));
    }

    private const int RecordFiltersDepth = 6;

    [Fact]
    public async Task Search_FindsWordsInTheSearchableFields_ThroughATrigramIndex_ThatFollowsTheDefinition()
    {
        var entity = "supplier_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Search");
        var client = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        object[] Fields(Guid?[] ids, bool codeSearchable) =>
        [
            new { id = ids[0], name = "name", label = "Name", type = "Text", searchable = true },
            new { id = ids[1], name = "notes", label = "Notes", type = "LongText", searchable = true },
            new { id = ids[2], name = "code", label = "Code", type = "Text", searchable = codeSearchable },
        ];
        await client.DefineAsync(entity, Fields([null, null, null], codeSearchable: false));
        await client.CreateRecordAsync(entity, new { name = "Acme Tools", notes = "Ships from the Bergen warehouse", code = "ZX-100" });
        await client.CreateRecordAsync(entity, new { name = "Nordic Timber", notes = "Pays late; ask for 50% upfront", code = "ZX-200" });

        async Task<string?[]> FoundAsync(string search) =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort=name&search={Uri.EscapeDataString(search)}", Ct)).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("name").GetString())];
        (await FoundAsync("acme")).ShouldBe(["Acme Tools"]);
        (await FoundAsync("BERGEN tools")).ShouldBe(["Acme Tools"]); // every word, anywhere, any case
        (await FoundAsync("50%")).ShouldBe(["Nordic Timber"]);         // LIKE's own characters match themselves
        (await FoundAsync("zx-100")).ShouldBeEmpty();                   // not a searchable field
        await (await client.GetAsync($"/api/data/{entity}?search=ac", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // The search's condition is the index's expression: with sequential scans off, PostgreSQL reads the index.
        var definition = await client.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{entity}", Ct);
        var searched = definition.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("searchable").GetBoolean())
            .OrderBy(f => f.GetProperty("id").GetGuid().ToString("N"), StringComparer.Ordinal).Select(f => f.GetProperty("name").GetString()!).ToArray();
        var plan = await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SET enable_seqscan = off; EXPLAIN (FORMAT JSON) SELECT id FROM data.{entity} WHERE {SearchTextOf(searched)} ILIKE '%acme%'");
        plan.ShouldContain($"sx_{entity}");

        // Making the code searchable rebuilds the index over it too.
        Guid?[] ids = [.. definition.GetProperty("fields").EnumerateArray().Select(f => (Guid?)f.GetProperty("id").GetGuid())];
        (await client.PutAsJsonAsync($"/api/low-code/entities/{entity}", new { label = entity, pluralLabel = entity, version = 1, fields = Fields(ids, codeSearchable: true) }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FoundAsync("zx-100")).ShouldBe(["Acme Tools"]);
        (await PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT indexdef FROM pg_indexes WHERE indexname = 'sx_{entity}'")).ShouldContain("code");
    }

    // The search text of the searchable fields, as the engine writes it (give them in the order they were made: by id).
    private static string SearchTextOf(string[] columns) => "(" + string.Join(" || ' ' || ", columns.Select(c => $"coalesce(\"{c}\"::text, '')")) + ")";

    [Fact]
    public async Task KeysetPaging_WalksEveryRecordOnce_ThroughEmptyValues_AndAForeignCursorIsRefused()
    {
        var entity = "contact_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Pages");
        var client = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await client.DefineAsync(entity, new { name = "name", label = "Name", type = "Text" }, new { name = "city", label = "City", type = "Text" });
        string?[] cities = ["Oslo", null, "Bergen", "Oslo", null, "Arendal", "Oslo"];
        for (var i = 0; i < cities.Length; i++) await client.CreateRecordAsync(entity, new { name = $"c{i}", city = cities[i] });

        foreach (var sort in new[] { "city", "-city", "-createdAt" })
        {
            var seen = new List<string>();
            string? cursor = null;
            do
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort={sort}&take=2&fields=name" + (cursor is null ? "" : $"&cursor={cursor}"), Ct);
                var items = page.GetProperty("items").EnumerateArray().ToList();
                if (sort == "-createdAt") items.ShouldAllBe(i => i.EnumerateObject().All(p => p.Name != "city")); // fields=name leaves the others out
                seen.AddRange(items.Select(i => i.GetProperty("name").GetString()!));
                cursor = page.GetProperty("next").GetString();
            }
            while (cursor is not null);
            seen.Order(StringComparer.Ordinal).ShouldBe(Enumerable.Range(0, cities.Length).Select(i => $"c{i}"), sort);
        }

        var byCity = await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort=city&take=3", Ct);
        byCity.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("city").GetString()).ShouldBe(["Arendal", "Bergen", "Oslo"]);
        var emptyFirst = await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort=-city&take=3", Ct);
        emptyFirst.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("city").GetString()).ShouldBe([null, null, "Oslo"]);
        var counted = await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?take=0&count=true&filter.city=Oslo", Ct);
        (counted.GetProperty("items").GetArrayLength(), counted.GetProperty("total").GetInt64(), counted.GetProperty("next").ValueKind).ShouldBe((0, 3L, JsonValueKind.Null));
        counted.GetProperty("totalIsEstimate").GetBoolean().ShouldBeFalse();
        await PostgresServer.ExecuteAsync($"ANALYZE data.{entity}", instances.Database);
        var estimated = await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?take=0&count=true&estimate=true&filter.city=Oslo", Ct);
        estimated.GetProperty("totalIsEstimate").GetBoolean().ShouldBeTrue();
        estimated.GetProperty("total").GetInt64().ShouldBeInRange(1, cities.Length, "the planner's estimate from the table's statistics");
        await (await client.GetAsync($"/api/data/{entity}?count=true&estimate=true&filter.colour=red", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var next = byCity.GetProperty("next").GetString();
        await (await client.GetAsync($"/api/data/{entity}?sort=name&cursor={next}", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.GetAsync($"/api/data/{entity}?cursor=not-a-cursor", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.GetAsync($"/api/data/{entity}?fields=name,colour", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    private static object Order(string customer, string product) => new
    {
        label = "Sale", pluralLabel = "Sales", version = 0,
        fields = new object[]
        {
            new { name = "number", label = "Number", type = "Autonumber", numberFormat = "SO-{#####}" },
            new { name = "customer", label = "Customer", type = "Reference", references = customer },
            new
            {
                name = "lines", label = "Lines", type = "Lines", required = true,
                fields = new object[]
                {
                    new { name = "product", label = "Product", type = "Reference", references = product },
                    new { name = "quantity", label = "Quantity", type = "WholeNumber", required = true, minimum = 1m },
                    new { name = "price", label = "Price", type = "Number" },
                },
            },
        },
    };
}
