using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Entities defined through the API become real tables under <c>data</c>; changes keep their data; bad definitions and
/// changes the data cannot take are refused, leaving the catalog and the data exactly as they were.
/// </summary>
public sealed class LowCodeDefinitionTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string _database = "";
    private ErpHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _host = new ErpHost(_database, []);
        _admin = await _host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static object Customer(int version, string nameField = "name", params object[] more) => new
    {
        label = "Customer", pluralLabel = "Customers", displayField = nameField, version,
        fields = new object[]
        {
            new { id = (Guid?)null, name = nameField, label = "Name", type = "Text", required = true, maxLength = 120 },
            new { id = (Guid?)null, name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" } },
            new { id = (Guid?)null, name = "credit", label = "Credit limit", type = "Number" },
            new { id = (Guid?)null, name = "since", label = "Customer since", type = "Date", indexed = true },
        }.Concat(more).ToArray(),
    };

    [Fact]
    public async Task AnEntityDefinedThroughTheApi_IsARealTable_AndItsChangesKeepTheData()
    {
        var created = await (await _admin.PutAsJsonAsync("/api/low-code/entities/customer", Customer(0), Ct)).ReadAsync<JsonElement>();
        created.GetProperty("version").GetInt32().ShouldBe(1);
        (await ColumnsAsync("customer")).ShouldBe(["company_id uuid", "created_at timestamp with time zone", "created_by uuid", "credit numeric", "id uuid",
            "modified_at timestamp with time zone", "modified_by uuid", "name character varying", "since date", "tier character varying"]);
        (await PostgresServer.ScalarAsync<bool>(_database, "SELECT relforcerowsecurity FROM pg_class WHERE oid = 'data.customer'::regclass")).ShouldBeTrue();
        await PostgresServer.ExecuteAsync("INSERT INTO data.customer (id, company_id, name, tier, credit) VALUES (gen_random_uuid(), gen_random_uuid(), 'Ada', 'gold', 12.5)", _database);

        // Rename a field (same id), add one: the plan says so, and running nothing changes nothing.
        var fields = created.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("id").GetGuid());
        var change = new
        {
            label = "Customer", pluralLabel = "Customers", displayField = "full_name", version = 1,
            fields = new object[]
            {
                new { id = fields["name"], name = "full_name", label = "Full name", type = "Text", required = true, maxLength = 120 },
                new { id = fields["tier"], name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver", "bronze" } },
                new { id = fields["credit"], name = "credit", label = "Credit limit", type = "Number" },
                new { id = fields["since"], name = "since", label = "Customer since", type = "Date", indexed = true },
                new { id = (Guid?)null, name = "email", label = "Email", type = "Email", unique = true },
            },
        };
        var plan = await (await _admin.PostAsJsonAsync("/api/low-code/entities/customer/plan", change, Ct)).ReadAsync<JsonElement>();
        var statements = plan.GetProperty("statements").EnumerateArray().Select(s => s.GetString()!).ToList();
        statements.ShouldContain(s => s.Contains("RENAME COLUMN \"name\" TO \"full_name\"", StringComparison.Ordinal));
        statements.ShouldContain(s => s.Contains("ADD COLUMN \"email\" varchar(320)", StringComparison.Ordinal));
        plan.GetProperty("afterCommit").EnumerateArray().Select(s => s.GetString()!).ShouldContain(s => s.StartsWith("CREATE UNIQUE INDEX CONCURRENTLY", StringComparison.Ordinal));
        (await ColumnsAsync("customer")).ShouldContain("name character varying");

        var changed = await (await _admin.PutAsJsonAsync("/api/low-code/entities/customer", change, Ct)).ReadAsync<JsonElement>();
        changed.GetProperty("version").GetInt32().ShouldBe(2);
        (await PostgresServer.ScalarAsync<string>(_database, "SELECT full_name || ' ' || tier FROM data.customer")).ShouldBe("Ada gold");
        (await PostgresServer.ScalarAsync<long>(_database, $"SELECT count(*) FROM lowcode.revisions")).ShouldBe(2);
        // The new unique index was built (concurrently, the table having rows) and is valid.
        var emailId = changed.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "email").GetProperty("id").GetGuid();
        (await PostgresServer.ScalarAsync<bool>(_database, $"SELECT indisvalid AND indisunique FROM pg_index WHERE indexrelid = 'data.\"ux_{emailId:N}\"'::regclass")).ShouldBeTrue();

        // Saving on a stale revision is a conflict; a reference to the entity is a foreign key.
        await (await _admin.PutAsJsonAsync("/api/low-code/entities/customer", change, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
        await (await _admin.PutAsJsonAsync("/api/low-code/entities/sales_order", new
        {
            label = "Order", pluralLabel = "Orders", version = 0,
            fields = new object[] { new { name = "customer", label = "Customer", type = "Reference", references = "customer" } },
        }, Ct)).ReadAsync<JsonElement>();
        (await PostgresServer.ScalarAsync<string>(_database,
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'data.sales_order'::regclass AND contype = 'f'")).ShouldBe("data.customer");
    }

    [Fact]
    public async Task BadDefinitions_AndChangesTheDataCannotTake_AreRefused_AndNothingChanges()
    {
        var created = await (await _admin.PutAsJsonAsync("/api/low-code/entities/supplier", Customer(0), Ct)).ReadAsync<JsonElement>();
        var ids = created.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("id").GetGuid());
        await PostgresServer.ExecuteAsync(
            "INSERT INTO data.supplier (id, company_id, name, tier) VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'Acme', 'gold'), " +
            "(gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'Acme', 'silver')", _database);
        var before = await CatalogAsync();

        object Field(string name, string type, Guid? id = null, object? extra = null) => new { id, name, label = name, type, choices = (string[]?)null, references = (string?)null };
        object Supplier(params object[] fields) => new { label = "Supplier", pluralLabel = "Suppliers", version = 1, fields };
        var cases = new (string What, string Entity, object Body, HttpStatusCode Status, string Code, string? Error)[]
        {
            ("a reserved word as a table", "select", Customer(0), HttpStatusCode.BadRequest, "validation", "low-code.name.reserved"),
            ("SQL in a name", "supplier", Supplier(Field("x\"; DROP TABLE lowcode.entities; --", "Text")), HttpStatusCode.BadRequest, "validation", "low-code.name.invalid"),
            ("a system column's name", "supplier", Supplier(Field("company_id", "Text")), HttpStatusCode.BadRequest, "validation", "low-code.name.reserved"),
            ("the same name twice", "supplier", Supplier(Field("code", "Text"), Field("code", "Number")), HttpStatusCode.BadRequest, "validation", "low-code.name.duplicate"),
            ("a reference to nothing", "supplier", Supplier(Field("parent", "Reference")), HttpStatusCode.BadRequest, "validation", "low-code.field.unknown-reference"),
            ("a choice without choices", "supplier", Supplier(Field("size", "Choice")), HttpStatusCode.BadRequest, "validation", "low-code.field.choices-required"),
            ("an autonumber without its number", "supplier", Supplier(new { name = "code", label = "Code", type = "Autonumber", numberFormat = "SUP-{yyyy}" }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.number-format-invalid"),
            ("a pattern that is no expression", "supplier", Supplier(new { name = "code", label = "Code", type = "Text", pattern = "([A-Z" }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.pattern-invalid"),
            ("lines without fields", "supplier", Supplier(new { name = "parts", label = "Parts", type = "Lines" }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.lines-invalid"),
            ("lines within lines", "supplier", Supplier(new
                {
                    name = "parts", label = "Parts", type = "Lines",
                    fields = new object[] { new { name = "sub", label = "Sub", type = "Lines", fields = new object[] { new { name = "x", label = "X", type = "Text" } } } },
                }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.lines-invalid"),
            ("a searchable number", "supplier", Supplier(new { name = "size", label = "Size", type = "WholeNumber", searchable = true }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.searchable-not-text"),
            ("a minimum above the maximum", "supplier", Supplier(new { name = "size", label = "Size", type = "WholeNumber", minimum = 5m, maximum = 1m }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.range-invalid"),
            ("names becoming autonumbers", "supplier", Supplier(new { id = ids["name"], name = "name", label = "Name", type = "Autonumber", numberFormat = "S-{###}" }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.type-change-impossible"),
            ("a date becoming a reference", "supplier", Supplier(new { id = ids["since"], name = "since", label = "Since", type = "Reference", references = "supplier" }),
                HttpStatusCode.BadRequest, "validation", "low-code.field.type-change-impossible"),
            ("names becoming numbers", "supplier", Supplier(new { id = ids["name"], name = "name", label = "Name", type = "WholeNumber" }),
                HttpStatusCode.Conflict, "low-code.field.values-do-not-convert", null),
            ("a unique rule over duplicates", "supplier", Supplier(new { id = ids["name"], name = "name", label = "Name", type = "Text", unique = true }),
                HttpStatusCode.Conflict, "low-code.field.unique-has-duplicates", null),
            ("a choice dropped that rows hold", "supplier", Supplier(new { id = ids["tier"], name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold" } }),
                HttpStatusCode.Conflict, "low-code.field.values-do-not-convert", null),
        };
        foreach (var (what, entity, body, status, code, error) in cases)
        {
            var problem = await (await _admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", body, Ct)).ShouldBeProblemAsync(status, code, what);
            if (error is not null) problem.GetProperty("errors").ToString().ShouldContain(ErrorText(error), Case.Insensitive, what);
            (await CatalogAsync()).ShouldBe(before, what);
        }
    }

    [Fact]
    public async Task AFieldLeftOut_IsHiddenWithItsData_AndOnlyAHiddenFieldIsPurged()
    {
        object Fields(params object[] fields) => fields;
        var created = await (await _admin.PutAsJsonAsync("/api/low-code/entities/lead", new
        {
            label = "Lead", pluralLabel = "Leads", version = 0,
            fields = Fields(new { name = "title", label = "Title", type = "Text" }, new { name = "legacy_code", label = "Legacy code", type = "Text", indexed = true }),
        }, Ct)).ReadAsync<JsonElement>();
        var title = created.GetProperty("fields")[0].GetProperty("id").GetGuid();
        await PostgresServer.ExecuteAsync("INSERT INTO data.lead (id, company_id, title, legacy_code) VALUES (gen_random_uuid(), gen_random_uuid(), 'Fair', 'X-1')", _database);

        var hidden = await (await _admin.PutAsJsonAsync("/api/low-code/entities/lead", new
        {
            label = "Lead", pluralLabel = "Leads", version = 1, fields = Fields(new { id = title, name = "title", label = "Title", type = "Text" }),
        }, Ct)).ReadAsync<JsonElement>();
        hidden.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "legacy_code").GetProperty("deleted").GetBoolean().ShouldBeTrue();
        (await PostgresServer.ScalarAsync<string>(_database, "SELECT legacy_code FROM data.lead")).ShouldBe("X-1");

        await (await _admin.DeleteAsync("/api/low-code/entities/lead/fields/title", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.field.not-hidden");
        var purged = await (await _admin.DeleteAsync("/api/low-code/entities/lead/fields/legacy_code", Ct)).ReadAsync<JsonElement>();
        purged.GetProperty("version").GetInt32().ShouldBe(3);
        purged.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldBe(["title"]);
        (await ColumnsAsync("lead")).ShouldNotContain(c => c.StartsWith("legacy_code", StringComparison.Ordinal));
        (await PostgresServer.ScalarAsync<string>(_database, "SELECT title FROM data.lead")).ShouldBe("Fair");
    }

    [Fact]
    public async Task ALinesFieldRenamed_KeepsItsLines_AndAHiddenFieldOfItsLines_IsPurgedByItsPath()
    {
        object Definition(int version, Guid? lines, string name, params object[] lineFields) => new
        {
            label = "Quote", pluralLabel = "Quotes", version,
            fields = new object[] { new { id = lines, name, label = "Lines", type = "Lines", fields = lineFields } },
        };
        var created = await (await _admin.PutAsJsonAsync("/api/low-code/entities/quote", Definition(0, null, "items",
            new { name = "article", label = "Article", type = "Text" }, new { name = "note", label = "Note", type = "LongText" }), Ct)).ReadAsync<JsonElement>();
        var field = created.GetProperty("fields")[0];
        var (lines, article) = (field.GetProperty("id").GetGuid(), field.GetProperty("fields")[0].GetProperty("id").GetGuid());
        await PostgresServer.ExecuteAsync("INSERT INTO data.quote (id, company_id) VALUES ('00000000-0000-0000-0000-00000000000a', gen_random_uuid()); " +
                                          "INSERT INTO data.quote__items (id, parent_id, company_id, line_no, article, note) " +
                                          "VALUES (gen_random_uuid(), '00000000-0000-0000-0000-00000000000a', gen_random_uuid(), 1, 'Desk', 'oak')", _database);

        // Renamed, with its note left out (hidden) and a field added: the table follows, and the line stays.
        (await _admin.PutAsJsonAsync("/api/low-code/entities/quote", Definition(1, lines, "positions",
            new { id = article, name = "article", label = "Article", type = "Text" }, new { name = "quantity", label = "Quantity", type = "WholeNumber" }), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostgresServer.ScalarAsync<string>(_database, "SELECT article || '/' || note FROM data.quote__positions")).ShouldBe("Desk/oak");
        (await ColumnsAsync("quote__positions")).ShouldContain("quantity bigint");

        var purged = await (await _admin.DeleteAsync("/api/low-code/entities/quote/fields/positions.note", Ct)).ReadAsync<JsonElement>();
        purged.GetProperty("fields")[0].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldBe(["article", "quantity"]);
        (await ColumnsAsync("quote__positions")).ShouldNotContain(c => c.StartsWith("note", StringComparison.Ordinal));
        (await PostgresServer.ScalarAsync<string>(_database, "SELECT article FROM data.quote__positions")).ShouldBe("Desk");
    }

    // The English text of a rule, by a fragment no other rule's text has.
    private static string ErrorText(string code) => code switch
    {
        "low-code.name.reserved" => "is reserved",
        "low-code.name.invalid" => "is no valid name",
        "low-code.name.duplicate" => "is used twice",
        "low-code.field.unknown-reference" => "to refer to",
        "low-code.field.choices-required" => "needs at least one choice",
        "low-code.field.number-format-invalid" => "with the number in it, such as INV-{yyyy}-{#####}",
        "low-code.field.pattern-invalid" => "is no valid regular expression",
        "low-code.field.range-invalid" => "must not be above the maximum",
        "low-code.field.lines-invalid" => "need at least one field of their own",
        "low-code.field.searchable-not-text" => "can be searchable",
        _ => "cannot change from",
    };

    private async Task<List<string>> ColumnsAsync(string table)
    {
        var columns = await PostgresServer.ScalarAsync<string[]>(_database,
            $"SELECT array_agg(column_name || ' ' || data_type ORDER BY column_name) FROM information_schema.columns WHERE table_schema = 'data' AND table_name = '{table}'");
        return [.. columns];
    }

    // Everything a definition change could touch: the tables and columns under data, their constraints and indexes,
    // the definitions and revisions, and the rows.
    private Task<string> CatalogAsync() => PostgresServer.ScalarAsync<string>(_database, """
        SELECT concat_ws(' | ',
          (SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = 'data'),
          (SELECT string_agg(conname || ':' || pg_get_constraintdef(oid), ',' ORDER BY conname) FROM pg_constraint WHERE connamespace = 'data'::regnamespace),
          (SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'data'),
          (SELECT string_agg(name || '@' || revision || ':' || fields::text, ',' ORDER BY name) FROM lowcode.entities),
          (SELECT count(*)::text FROM lowcode.revisions),
          (SELECT string_agg(name || ':' || coalesce(tier, ''), ',' ORDER BY name, tier) FROM data.supplier))
        """);
}
