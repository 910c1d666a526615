using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Erp.Testing;
using MiniExcelLibs;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// CSV export of a list (its filters, the caller's record rules and fields, every page) and import back (upsert by a key,
/// column map, dry run, all or nothing or per row), through the API on two instances.
/// </summary>
public sealed class LowCodeTransferTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AList_ExportsAsCsv_AndImportsBack_ByItsKey_AllOrNothingOrPerRow()
    {
        var part = "part_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Transfers");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(part,
            new { name = "code", label = "Code", type = "Text", unique = true, required = true },
            new { name = "name", label = "Name", type = "Text" },
            new { name = "qty", label = "Quantity", type = "WholeNumber" },
            new { name = "price", label = "Price", type = "Number" },
            new { name = "due", label = "Due", type = "Date" },
            new { name = "cost", label = "Cost", type = "Number", readRestricted = true });
        await admin.CreateRecordAsync(part, new { code = "A-1", name = "Bolt", qty = 10, price = 0.25m, due = "2026-12-24", cost = 0.1m });
        await admin.CreateRecordAsync(part, new { code = "A-2", name = "=HYPERLINK(\"http://evil\")", qty = 0, price = 2m, cost = 1m });
        await admin.CreateRecordAsync(part, new { code = "A-3", name = "Nut", qty = 5, cost = 0.05m });

        using var clerk = await instances.UserAsync(company, $"Data.{part}", $"Data.{part}.Export", $"Data.{part}.Import", $"Data.{part}.Create", $"Data.{part}.Update");
        var exported = await clerk.GetStringAsync($"/api/data/{part}/export?filter.qty.gt=0&sort=code", Ct);
        var lines = exported.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        lines[0].ShouldBe("id,code,name,qty,price,due", "the columns the caller sees: no cost");
        lines.Skip(1).Select(l => string.Join(",", l.Split(',').Skip(1))).ShouldBe(["A-1,Bolt,10,0.25,2026-12-24", "A-3,Nut,5,,"]);
        var everything = await admin.GetStringAsync($"/api/data/{part}/export?sort=code", Ct);
        everything.ShouldNotContain(",=HYPERLINK", Case.Sensitive, "a formula is escaped for the spreadsheet that opens the export");

        // Back in, by the code: a dry run first, which keeps nothing.
        var changed = "code,qty\nA-1,11\nA-3,6\nA-4,1\n";
        var dryRun = await ImportAsync(clerk, changed, "key=code&dryRun=true");
        (dryRun.GetProperty("updated").GetInt32(), dryRun.GetProperty("created").GetInt32(), dryRun.GetProperty("committed").GetBoolean()).ShouldBe((2, 1, false));
        (await SnapshotAsync()).ShouldBe("A-1:10,A-2:0,A-3:5");
        var done = await ImportAsync(clerk, changed, "key=code");
        (done.GetProperty("updated").GetInt32(), done.GetProperty("created").GetInt32(), done.GetProperty("committed").GetBoolean()).ShouldBe((2, 1, true));
        (await SnapshotAsync()).ShouldBe("A-1:11,A-2:0,A-3:6,A-4:1");

        // A refused row: all or nothing keeps none; per row keeps the others. Columns named otherwise are mapped.
        var mixed = "Part No,Quantity\nA-5,3\nA-6,lots\nA-1,12\n";
        var refused = await ImportAsync(clerk, mixed, "key=code&map.Part%20No=code&map.Quantity=qty");
        refused.GetProperty("committed").GetBoolean().ShouldBeFalse();
        var failedRow = refused.GetProperty("rows")[1];
        (failedRow.GetProperty("row").GetInt32(), failedRow.GetProperty("action").GetString()).ShouldBe((3, "Failed"));
        failedRow.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["qty"]);
        (await SnapshotAsync()).ShouldBe("A-1:11,A-2:0,A-3:6,A-4:1");
        var perRow = await ImportAsync(clerk, mixed, "key=code&mode=PerRow&map.Part%20No=code&map.Quantity=qty");
        (perRow.GetProperty("created").GetInt32(), perRow.GetProperty("updated").GetInt32(), perRow.GetProperty("failed").GetInt32()).ShouldBe((1, 1, 1));
        (await SnapshotAsync()).ShouldBe("A-1:12,A-2:0,A-3:6,A-4:1,A-5:3");

        // A duplicate without a key is the row's refusal, named by its field, and rolls back only that row.
        var duplicate = await ImportAsync(clerk, "code\nA-7\nA-1\n", "mode=PerRow");
        duplicate.GetProperty("rows")[1].GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["code"]);
        (await SnapshotAsync()).ShouldBe("A-1:12,A-2:0,A-3:6,A-4:1,A-5:3,A-7:");

        async Task HeaderRefusedAsync(string csv, string query, string key)
        {
            var problem = await (await Post(clerk, csv, query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", csv);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([key]);
        }

        await HeaderRefusedAsync("code,colour\nA-8,red\n", "", "header");
        await HeaderRefusedAsync("code,cost\nA-8,1\n", "", "header"); // a field the caller does not see is no field to them
        await HeaderRefusedAsync("code,name\nA-8,x\n", "key=name", "key");
        using var reader = await instances.UserAsync(company, $"Data.{part}");
        await (await Post(reader, "code\nA-9\n", "")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await reader.GetAsync($"/api/data/{part}/export", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Task<HttpResponseMessage> Post(HttpClient client, string csv, string query) =>
            client.PostAsync($"/api/data/{part}/import?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        async Task<JsonElement> ImportAsync(HttpClient client, string csv, string query) => await (await Post(client, csv, query)).ReadAsync<JsonElement>();
        Task<string> SnapshotAsync() =>
            PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT string_agg(code || ':' || coalesce(qty::text, ''), ',' ORDER BY code) FROM data.{part}");
    }

    [Fact]
    public async Task AnExport_ReadsEveryPage_OfALargeList()
    {
        var item = "item_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Large");
        using var admin = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(item, new { name = "n", label = "N", type = "WholeNumber" });
        for (var batch = 0; batch < 5; batch++)
        {
            var create = Enumerable.Range(batch * 500, 500).Select(n => new { n }).ToArray();
            (await admin.PostAsJsonAsync($"/api/data/{item}/bulk", new { create }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var csv = await admin.GetStringAsync($"/api/data/{item}/export?sort=n", Ct);
        var numbers = csv.TrimEnd().Split('\n').Skip(1).Select(l => int.Parse(l.TrimEnd('\r').Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        numbers.ShouldBe(Enumerable.Range(0, 2500).ToList(), "every record once, in order, across the export's pages of 1,000");

        // The same list as a workbook: typed cells, every record, in order.
        using var workbook = new MemoryStream(await admin.GetByteArrayAsync($"/api/data/{item}/export?sort=n&format=Xlsx", Ct));
        var rows = workbook.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        rows.Select(r => Convert.ToInt32(r["n"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(0, 2500).ToList());
        rows[0]["n"].ShouldBeOfType<double>("a number stays a number in the workbook");
    }

    [Fact]
    public async Task AWorkbook_ExportsTyped_AndImportsBack_AndAFileThatIsNone_IsRefused()
    {
        var part = "part_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Workbooks");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(part,
            new { name = "code", label = "Code", type = "Text", unique = true, required = true },
            new { name = "name", label = "Name", type = "Text" },
            new { name = "qty", label = "Quantity", type = "WholeNumber" },
            new { name = "due", label = "Due", type = "Date" },
            new { name = "cost", label = "Cost", type = "Number", readRestricted = true });
        await admin.CreateRecordAsync(part, new { code = "A-1", name = "=1+1", qty = 10, due = "2026-12-24", cost = 0.1m });
        await admin.CreateRecordAsync(part, new { code = "A-2", name = "Nut", qty = 5, cost = 0.05m });

        using var clerk = await instances.UserAsync(company, $"Data.{part}", $"Data.{part}.Export", $"Data.{part}.Import", $"Data.{part}.Create", $"Data.{part}.Update");
        using var exported = new MemoryStream(await clerk.GetByteArrayAsync($"/api/data/{part}/export?sort=code&format=Xlsx", Ct));
        var rows = exported.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        rows[0].Keys.ShouldBe(["id", "code", "name", "qty", "due"], "the columns the caller sees: no cost");
        (rows[0]["code"], rows[0]["name"], rows[0]["qty"], rows[0]["due"]).ShouldBe(("A-1", "=1+1", 10d, new DateTime(2026, 12, 24)), "a text stays a text, not a formula");
        rows[1]["due"].ShouldBeNull();

        // The workbook as a spreadsheet user edits it, back in by the code: one row changed, one added.
        var edited = new List<Dictionary<string, object?>>
        {
            new() { ["code"] = "A-1", ["qty"] = 11, ["due"] = new DateTime(2027, 1, 31) },
            new() { ["code"] = "A-3", ["qty"] = 2, ["due"] = null },
        };
        using var upload = new MemoryStream();
        await upload.SaveAsAsync(edited, excelType: ExcelType.XLSX, cancellationToken: Ct);
        var result = await (await clerk.PostAsync($"/api/data/{part}/import?key=code", Workbook(upload.ToArray()), Ct)).ReadAsync<JsonElement>();
        (result.GetProperty("updated").GetInt32(), result.GetProperty("created").GetInt32(), result.GetProperty("committed").GetBoolean()).ShouldBe((1, 1, true));
        (await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT string_agg(code || ':' || coalesce(qty::text, '') || ':' || coalesce(due::text, ''), ',' ORDER BY code) FROM data.{part}"))
            .ShouldBe("A-1:11:2027-01-31,A-2:5:,A-3:2:");

        var notAWorkbook = await (await clerk.PostAsync($"/api/data/{part}/import?key=code", Workbook("code\nA-4\n"u8.ToArray()), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        notAWorkbook.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["file"]);
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM data.{part}")).ShouldBe(3);

        static ByteArrayContent Workbook(byte[] bytes) => new(bytes) { Headers = { ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") } };
    }

    [Fact]
    public async Task AnImport_IsInTheHistory_AsItGoes_OnEveryInstance()
    {
        var item = "lot_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("History");
        using var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        await onA.DefineAsync(item, new { name = "n", label = "N", type = "WholeNumber", unique = true });
        var csv = "n\n" + string.Join("\n", Enumerable.Range(1, 250)) + "\n";
        var id = Guid.NewGuid();
        var done = await (await onA.PostAsync($"/api/data/{item}/import?importId={id}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        done.GetProperty("importId").GetGuid().ShouldBe(id);

        var run = await onB.GetFromJsonAsync<JsonElement>($"/api/data/{item}/imports/{id}", Ct);
        (run.GetProperty("rows").GetInt32(), run.GetProperty("processed").GetInt32(), run.GetProperty("created").GetInt32(), run.GetProperty("committed").GetBoolean())
            .ShouldBe((250, 250, 250, true));
        run.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        await (await onB.PostAsync($"/api/data/{item}/import?importId={id}", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.import.id-taken");
        var again = await (await onB.PostAsync($"/api/data/{item}/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        again.GetProperty("committed").GetBoolean().ShouldBeFalse("every row is taken: all or nothing keeps none");
        var history = (await onA.GetFromJsonAsync<JsonElement[]>($"/api/data/{item}/imports", Ct))!;
        history.Select(r => (r.GetProperty("id").GetGuid(), r.GetProperty("failed").GetInt32(), r.GetProperty("committed").GetBoolean()))
            .ShouldBe([(again.GetProperty("importId").GetGuid(), 250, false), (id, 0, true)]);

        using var reader = await instances.UserAsync(company, $"Data.{item}");
        await (await reader.GetAsync($"/api/data/{item}/imports", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var elsewhere = await instances.AdminOnA.CreateCompanyAsync("Elsewhere");
        using var stranger = await instances.UserAsync(elsewhere, $"Data.{item}", $"Data.{item}.Import");
        await (await stranger.GetAsync($"/api/data/{item}/imports/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.import.not-found");
    }
}
