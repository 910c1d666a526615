using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Record rules and restricted fields, played by callers who try to get around them: each is a permission, granted on
/// one instance and enforced on the other, in every read, count, filter, expansion, change and delete.
/// </summary>
public sealed class LowCodeAccessTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACallerWithRecordRules_NeverSeesCountsChangesOrDeletesAnotherRecord()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (deal, visit) = ("deal_" + suffix, "visit_" + suffix);
        var company = await instances.AdminOnA.CreateCompanyAsync("Rules");
        var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{deal}", new
        {
            label = "Deal", pluralLabel = "Deals", version = 0,
            fields = new object[]
            {
                new { name = "title", label = "Title", type = "Text" },
                new { name = "region", label = "Region", type = "Choice", choices = new[] { "North", "South" } },
            },
            recordRules = new object[]
            {
                new { name = "own", label = "Their own", kind = "Own" },
                new { name = "north", label = "The north", kind = "Filter", filter = new { field = "region", value = "North" } },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.DefineAsync(visit, new { name = "note", label = "Note", type = "Text" }, new { name = "deal", label = "Deal", type = "Reference", references = deal });
        var northern = await admin.CreateRecordAsync(deal, new { title = "northern", region = "North" });
        var southern = await admin.CreateRecordAsync(deal, new { title = "southern", region = "South" });
        await admin.CreateRecordAsync(visit, new { note = "to the south", deal = southern });

        string[] crud = [$"Data.{deal}", $"Data.{deal}.Create", $"Data.{deal}.Update", $"Data.{deal}.Delete", $"Data.{visit}"];
        using var seller = await instances.UserAsync(company, [.. crud, $"Data.{deal}.Records.own"]);
        var mine = await seller.CreateRecordAsync(deal, new { title = "mine", region = "South" });
        (await TitlesAsync(seller, deal)).ShouldBe(["mine"]);
        (await seller.GetFromJsonAsync<JsonElement>($"/api/data/{deal}?count=true&take=0", Ct)).GetProperty("total").GetInt64().ShouldBe(1);
        (await TitlesAsync(seller, deal, "filter.title=southern")).ShouldBeEmpty();
        var queried = await (await seller.PostAsJsonAsync($"/api/data/{deal}/query", new { filter = new { field = "region", value = "South" }, count = true }, Ct))
            .ReadAsync<JsonElement>();
        queried.GetProperty("total").GetInt64().ShouldBe(1);
        await (await seller.GetAsync($"/api/data/{deal}/{southern}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await seller.PatchAsJsonAsync($"/api/data/{deal}/{southern}", new { version = 0, title = "taken" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await seller.DeleteAsync($"/api/data/{deal}/{southern}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        var bulk = await (await seller.PostAsJsonAsync($"/api/data/{deal}/bulk", new { delete = new[] { mine, northern } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        bulk.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["delete[1].id"]);

        // Through a reference: the visit is the seller's to see, the deal it names is not.
        var visits = await seller.GetFromJsonAsync<JsonElement>($"/api/data/{visit}?expand=deal", Ct);
        visits.GetProperty("items")[0].GetProperty("expanded").GetProperty("deal").ValueKind.ShouldBe(JsonValueKind.Null);
        (await seller.GetFromJsonAsync<JsonElement>($"/api/data/{visit}?filter.deal.title=southern", Ct)).GetProperty("items").GetArrayLength().ShouldBe(0);

        // A filter rule: the north only, and what they write stays there.
        using var northerner = await instances.UserAsync(company, [.. crud, $"Data.{deal}.Records.north"]);
        (await TitlesAsync(northerner, deal)).ShouldBe(["northern"]);
        var version = (await northerner.GetFromJsonAsync<JsonElement>($"/api/data/{deal}/{northern}", Ct)).GetProperty("version").GetUInt32();
        await (await northerner.PatchAsJsonAsync($"/api/data/{deal}/{northern}", new { version, region = "South" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "low-code.record.outside-rules");
        await (await northerner.PostAsJsonAsync($"/api/data/{deal}", new { title = "smuggled", region = "South" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "low-code.record.outside-rules");
        (await SnapshotAsync()).ShouldBe("mine:South,northern:North,southern:South", "the refused writes left nothing behind");

        // No rule granted: no record; every record: all of them, as for the administrator.
        using var ruleless = await instances.UserAsync(company, $"Data.{deal}");
        (await TitlesAsync(ruleless, deal)).ShouldBeEmpty();
        using var manager = await instances.UserAsync(company, $"Data.{deal}", $"Data.{deal}.AllRecords");
        (await TitlesAsync(manager, deal)).ShouldBe(["mine", "northern", "southern"]);
        (await TitlesAsync(admin, deal)).ShouldBe(["mine", "northern", "southern"]);

        Task<string> SnapshotAsync() => PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT string_agg(title || ':' || region, ',' ORDER BY title) FROM data.{deal}");
    }

    [Fact]
    public async Task ATeamRule_ShowsTheRecordsOfTheCallersTeammates_AsTheTeamIsNow_OnEveryInstance()
    {
        var deal = "deal_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Teams");
        var other = await instances.AdminOnA.CreateCompanyAsync("Other teams");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{deal}", new
        {
            label = "Deal", pluralLabel = "Deals", version = 0,
            fields = new object[] { new { name = "title", label = "Title", type = "Text" } },
            recordRules = new object[] { new { name = "team", label = "Their team's", kind = "Team" }, new { name = "own", label = "Their own", kind = "Own" } },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        string[] crud = [$"Data.{deal}", $"Data.{deal}.Create", $"Data.{deal}.Update", $"Data.{deal}.Delete", $"Data.{deal}.Export", $"Data.{deal}.Records.team"];
        using var ann = await instances.MemberAsync(company, crud);
        using var bob = await instances.MemberAsync(company, crud);
        using var cid = await instances.MemberAsync(company, [.. crud, $"Data.{deal}.Records.own"]);

        // Teams are the company's: members work in it, a name is used once.
        var stranger = await instances.A.CreateUserAsync(instances.AdminOnA, "stranger" + Guid.NewGuid().ToString("N")[..8], "Correct-Horse-42");
        var refused = await (await admin.PostAsJsonAsync("/api/teams", new { name = "Sales", members = new[] { ann.Id, stranger } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["members"]);
        await (await admin.PostAsJsonAsync("/api/teams", new { name = "Sales", members = new[] { Guid.Empty } }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var team = await (await admin.PostAsJsonAsync("/api/teams", new { name = "Sales", description = "North", members = new[] { ann.Id, bob.Id } }, Ct)).ReadAsync<JsonElement>();
        await (await admin.PostAsJsonAsync("/api/teams", new { name = "Sales ", members = Array.Empty<Guid>() }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "companies.team.name-taken");
        using var elsewhere = (await instances.A.CreateSignedInClientAsync()).WorkingIn(other);
        (await elsewhere.GetFromJsonAsync<JsonElement>("/api/teams", Ct)).GetArrayLength().ShouldBe(0);
        await (await elsewhere.GetAsync($"/api/teams/{team.GetProperty("id").GetGuid()}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "companies.team.not-found");

        await ann.Client.CreateRecordAsync(deal, new { title = "ann's" });
        await bob.Client.CreateRecordAsync(deal, new { title = "bob's" });
        var cids = await cid.Client.CreateRecordAsync(deal, new { title = "cid's" });

        // Ann sees hers and Bob's, never Cid's: not listed, counted, exported, read, changed or deleted. Cid has no team: their own only.
        (await TitlesAsync(ann.Client, deal)).ShouldBe(["ann's", "bob's"]);
        (await ann.Client.GetFromJsonAsync<JsonElement>($"/api/data/{deal}?count=true&take=0", Ct)).GetProperty("total").GetInt64().ShouldBe(2);
        (await ann.Client.GetStringAsync($"/api/data/{deal}/export", Ct)).ShouldNotContain("cid's");
        await (await ann.Client.GetAsync($"/api/data/{deal}/{cids}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await ann.Client.PatchAsJsonAsync($"/api/data/{deal}/{cids}", new { version = 0, title = "taken" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await ann.Client.DeleteAsync($"/api/data/{deal}/{cids}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        (await TitlesAsync(cid.Client, deal)).ShouldBe(["cid's"]);

        // The team changes on A; Ann, on B, sees the team as it is now.
        var id = team.GetProperty("id").GetGuid();
        var changed = await (await admin.PutAsJsonAsync($"/api/teams/{id}", new { name = "Sales", members = new[] { ann.Id, cid.Id }, version = team.GetProperty("version").GetUInt32() }, Ct))
            .ReadAsync<JsonElement>();
        (await TitlesAsync(ann.Client, deal)).ShouldBe(["ann's", "cid's"]);
        (await TitlesAsync(cid.Client, deal)).ShouldBe(["ann's", "cid's"]);
        (await TitlesAsync(bob.Client, deal)).ShouldBeEmpty();
        await (await admin.PutAsJsonAsync($"/api/teams/{id}", new { name = "Sales", members = new[] { ann.Id }, version = team.GetProperty("version").GetUInt32() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
        (await admin.DeleteAsync($"/api/teams/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TitlesAsync(ann.Client, deal)).ShouldBeEmpty();
        changed.GetProperty("members").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task ARestrictedField_NeverAppearsToThoseWithoutItsPermission_AndOnlyItsWritersSetIt()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (staff, review) = ("staff_" + suffix, "review_" + suffix);
        var company = await instances.AdminOnA.CreateCompanyAsync("Fields");
        var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(staff,
            new { name = "name", label = "Name", type = "Text" },
            new { name = "salary", label = "Salary", type = "Number", readRestricted = true, writeRestricted = true },
            new { name = "grade", label = "Grade", type = "Text", writeRestricted = true });
        await admin.DefineAsync(review, new { name = "staff", label = "Staff", type = "Reference", references = staff });
        var ada = await admin.CreateRecordAsync(staff, new { name = "Ada", salary = 5000, grade = "A" });
        await admin.CreateRecordAsync(review, new { staff = ada });

        string[] crud = [$"Data.{staff}", $"Data.{staff}.Create", $"Data.{staff}.Update", $"Data.{review}"];
        using var clerk = await instances.UserAsync(company, crud);
        var record = await clerk.GetFromJsonAsync<JsonElement>($"/api/data/{staff}/{ada}", Ct);
        record.TryGetProperty("salary", out _).ShouldBeFalse();
        record.GetProperty("grade").GetString().ShouldBe("A");
        (await clerk.GetStringAsync($"/api/data/{staff}", Ct)).ShouldNotContain("salary");
        var reviews = await clerk.GetFromJsonAsync<JsonElement>($"/api/data/{review}?expand=staff", Ct);
        var expanded = reviews.GetProperty("items")[0].GetProperty("expanded").GetProperty("staff");
        expanded.GetProperty("name").GetString().ShouldBe("Ada");
        expanded.TryGetProperty("salary", out _).ShouldBeFalse();

        async Task RefusedAsync(HttpResponseMessage response, string key)
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", key);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([key]);
        }

        // Whatever names the field is refused as if it did not exist: no probing its values through filters or order.
        await RefusedAsync(await clerk.GetAsync($"/api/data/{staff}?filter.salary.gt=1000", Ct), "filter.salary.gt");
        await RefusedAsync(await clerk.PostAsJsonAsync($"/api/data/{staff}/query", new { filter = new { field = "salary", op = "gt", value = 1000 } }, Ct), "filter");
        await RefusedAsync(await clerk.GetAsync($"/api/data/{staff}?sort=salary", Ct), "sort");
        await RefusedAsync(await clerk.GetAsync($"/api/data/{staff}?fields=name,salary", Ct), "fields");
        var version = record.GetProperty("version").GetUInt32();
        await RefusedAsync(await clerk.PatchAsJsonAsync($"/api/data/{staff}/{ada}", new { version, salary = 1 }, Ct), "salary");
        await RefusedAsync(await clerk.PatchAsJsonAsync($"/api/data/{staff}/{ada}", new { version, grade = "B" }, Ct), "grade");
        await RefusedAsync(await clerk.PostAsJsonAsync($"/api/data/{staff}", new { name = "Bea", salary = 1 }, Ct), "salary");
        var renamed = await (await clerk.PatchAsJsonAsync($"/api/data/{staff}/{ada}", new { version, name = "Ada L." }, Ct)).ReadAsync<JsonElement>();
        renamed.TryGetProperty("salary", out _).ShouldBeFalse("a write answers with what its writer may see");
        var created = await (await clerk.PostAsJsonAsync($"/api/data/{staff}/bulk", new { create = new[] { new { name = "Cy" } } }, Ct)).ReadAsync<JsonElement>();
        created.GetProperty("created")[0].TryGetProperty("salary", out _).ShouldBeFalse();

        // Reading it is one permission, setting it another.
        using var payroll = await instances.UserAsync(company, [.. crud, $"Data.{staff}.Fields.salary"]);
        (await TitlesAsync(payroll, staff, "filter.salary.gt=1000", property: "name")).ShouldBe(["Ada L."]);
        version = (await payroll.GetFromJsonAsync<JsonElement>($"/api/data/{staff}/{ada}", Ct)).GetProperty("version").GetUInt32();
        await RefusedAsync(await payroll.PatchAsJsonAsync($"/api/data/{staff}/{ada}", new { version, salary = 6000 }, Ct), "salary");
        using var head = await instances.UserAsync(company, [.. crud, $"Data.{staff}.Fields.salary", $"Data.{staff}.Fields.salary.Write"]);
        (await head.PatchAsJsonAsync($"/api/data/{staff}/{ada}", new { version, salary = 6000 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostgresServer.ScalarAsync<decimal>(instances.Database, $"SELECT salary FROM data.{staff} WHERE id = '{ada}'")).ShouldBe(6000m);
    }

    [Fact]
    public async Task RulesAndRestrictions_ThatCannotBeEnforced_AreRefusedWithTheDefinition()
    {
        var entity = "plan_" + Guid.NewGuid().ToString("N")[..8];
        var response = await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{entity}", new
        {
            label = "Plan", pluralLabel = "Plans", version = 0,
            fields = new object[] { new { name = "title", label = "Title", type = "Text", searchable = true, readRestricted = true } },
            recordRules = new object[]
            {
                new { name = "Bad Name", label = "Bad", kind = "Own" },
                new { name = "gone", label = "Gone", kind = "Filter", filter = new { field = "owner", value = "{user.name}" } },
                new { name = "empty", label = "Empty", kind = "Filter" },
            },
        }, Ct);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(
            ["fields[0].readRestricted", "recordRules[0].name", "recordRules[1].filter", "recordRules[2].filter"]);
        (await PostgresServer.ScalarAsync<bool>(instances.Database, $"SELECT to_regclass('data.{entity}') IS NULL")).ShouldBeTrue();
    }

    private static async Task<string?[]> TitlesAsync(HttpClient client, string entity, string query = "", string property = "title")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort={property}&{query}", Ct);
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString())];
    }
}
