using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The view the SPA renders an entity from: the administrator's form and list, less what the caller may not see, with
/// what they may set and do, served by the other instance.
/// </summary>
public sealed class LowCodeViewTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEntitysView_IsItsLayout_LessWhatTheCallerMayNotSeeOrDo()
    {
        var ticket = "ticket_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Views");
        (await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{ticket}", Definition(new
        {
            form = new
            {
                tabs = new object[]
                {
                    new
                    {
                        label = "Main",
                        sections = new object[]
                        {
                            new
                            {
                                label = "Ticket", columns = 2,
                                fields = new object[] { new { field = "title" }, new { field = "priority", readOnlyWhen = new { field = "status", value = "closed" } }, new { field = "status" } },
                            },
                        },
                    },
                    new { label = "Internal", sections = new object[] { new { columns = 1, fields = new object[] { new { field = "note" } } } } },
                },
            },
            list = new { columns = new[] { "title", "note", "status" }, sort = "-priority", filter = new { field = "status", value = "open" } },
            menu = new { path = $"Support/{ticket}", order = 5 },
        }), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var clerk = await instances.UserAsync(company, $"Data.{ticket}", $"Data.{ticket}.Create", $"Data.{ticket}.Transitions.close");
        var view = await clerk.GetFromJsonAsync<JsonElement>($"/api/data/{ticket}/view", Ct);
        var fields = view.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("readOnly").GetBoolean());
        fields.ShouldBe(new Dictionary<string, bool> { ["title"] = false, ["priority"] = true, ["status"] = true, ["tasks"] = false });
        var tabs = view.GetProperty("form").GetProperty("tabs");
        tabs.EnumerateArray().Select(t => t.GetProperty("label").GetString()).ShouldBe(["Main"], "a tab of hidden fields only is left out");
        tabs[0].GetProperty("sections")[0].GetProperty("fields")[1].GetProperty("readOnlyWhen").GetProperty("value").GetString().ShouldBe("closed");
        var list = view.GetProperty("list");
        list.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ShouldBe(["title", "status"]);
        list.GetProperty("sort").GetString().ShouldBe("-priority");
        view.GetProperty("workflow").GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ShouldBe(["close"]);
        var can = view.GetProperty("can");
        (can.GetProperty("create").GetBoolean(), can.GetProperty("update").GetBoolean(), can.GetProperty("export").GetBoolean()).ShouldBe((true, false, false));

        var admin = await (await instances.B.CreateSignedInClientAsync()).GetFromJsonAsync<JsonElement>($"/api/data/{ticket}/view", Ct);
        admin.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ShouldBe(["title", "priority", "status", "note", "tasks"]);
        admin.GetProperty("form").GetProperty("tabs").GetArrayLength().ShouldBe(2);
        admin.GetProperty("workflow").GetProperty("transitions").GetArrayLength().ShouldBe(2);
        admin.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "tasks").GetProperty("fields")[0].GetProperty("name").GetString()
            .ShouldBe("task");

        await (await clerk.GetAsync($"/api/data/nothing_{ticket}/view", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.entity.not-found");
        using var stranger = await instances.UserAsync(company);
        await (await stranger.GetAsync($"/api/data/{ticket}/view", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        // Published in the menu of those who may read it, on the other instance too.
        static IEnumerable<string> Routes(JsonElement nodes) => nodes.EnumerateArray()
            .SelectMany(n => (n.GetProperty("route").GetString() is { } route ? new[] { route } : []).Concat(Routes(n.GetProperty("children"))));
        (await Eventually.ValueAsync(async () => Routes((await clerk.GetFromJsonAsync<JsonElement>("/api/app-config", Ct)).GetProperty("menu")).ToList(),
            routes => routes.Contains($"/data/{ticket}"), TimeSpan.FromSeconds(5))).Value.ShouldContain($"/data/{ticket}");
        Routes((await stranger.GetFromJsonAsync<JsonElement>("/api/app-config", Ct)).GetProperty("menu")).ShouldNotContain($"/data/{ticket}");
    }

    [Fact]
    public async Task ASavedView_IsItsUsersOwn_AndRunsAsTheirList()
    {
        var ticket = "ticket_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Saved views");
        (await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{ticket}", Definition(null), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var clerk = await instances.UserAsync(company, $"Data.{ticket}");
        var views = $"/api/data/{ticket}/views";

        var open = await (await clerk.PostAsJsonAsync(views, new
        {
            name = "Open", filter = new { field = "status", value = "open" }, sort = "-priority", columns = new[] { "title", "status" }, isDefault = true,
        }, Ct)).ReadAsync<JsonElement>();
        open.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        var all = await (await clerk.PostAsJsonAsync(views, new { name = "All", isDefault = true }, Ct)).ReadAsync<JsonElement>();
        await (await clerk.PostAsJsonAsync(views, new { name = "All" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.view.name-taken");
        var hidden = await (await clerk.PostAsJsonAsync(views, new { name = "Notes", filter = new { field = "note", op = "contains", value = "x" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "a field hidden from the caller is no field to filter by");
        hidden.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["filter"]);

        var mine = (await clerk.GetFromJsonAsync<JsonElement>($"/api/data/{ticket}/view", Ct)).GetProperty("views").EnumerateArray()
            .Select(v => $"{v.GetProperty("name").GetString()}:{v.GetProperty("isDefault").GetBoolean()}").ToList();
        mine.ShouldBe(["All:True", "Open:False"], "one default at a time");

        // Another user sees none of them, and cannot change or delete one by its id.
        using var other = await instances.UserAsync(company, $"Data.{ticket}");
        (await other.GetFromJsonAsync<JsonElement[]>(views, Ct))!.ShouldBeEmpty();
        var id = all.GetProperty("id").GetGuid();
        await (await other.PutAsJsonAsync($"{views}/{id}", new { name = "Taken" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.view.not-found");
        await (await other.DeleteAsync($"{views}/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.view.not-found");
        (await clerk.PutAsJsonAsync($"{views}/{id}", new { name = "Everything" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clerk.DeleteAsync($"{views}/{open.GetProperty("id").GetGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await clerk.GetFromJsonAsync<JsonElement[]>(views, Ct))!.Select(v => v.GetProperty("name").GetString()).ShouldBe(["Everything"]);
    }

    [Fact]
    public async Task ALayoutNamingWhatTheEntityDoesNotShow_IsRefused()
    {
        var ticket = "ticket_" + Guid.NewGuid().ToString("N")[..8];
        var response = await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{ticket}", Definition(new
        {
            form = new
            {
                tabs = new object[]
                {
                    new
                    {
                        label = "Main",
                        sections = new object[]
                        {
                            new { columns = 2, fields = new object[] { new { field = "colour" }, new { field = "title", hiddenWhen = new { field = "size", value = 1 } }, new { field = "title" } } },
                        },
                    },
                },
            },
            list = new { columns = new[] { "tasks" }, sort = "weight" },
            menu = new { path = "A/B/C/D" },
        }), Ct);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ShouldBe([
            "ui.form.tabs[0].sections[0].fields[0].field", "ui.form.tabs[0].sections[0].fields[1].hiddenWhen", "ui.form.tabs[0].sections[0].fields[2].field",
            "ui.list.columns[0]", "ui.list.sort", "ui.menu.path",
        ]);
        (await PostgresServer.ScalarAsync<bool>(instances.Database, $"SELECT to_regclass('data.{ticket}') IS NULL")).ShouldBeTrue();
    }

    private static object Definition(object? ui) => new
    {
        label = "Ticket", pluralLabel = "Tickets", version = 0, ui,
        fields = new object[]
        {
            new { name = "title", label = "Title", type = "Text", required = true },
            new { name = "priority", label = "Priority", type = "WholeNumber", writeRestricted = true },
            new { name = "status", label = "Status", type = "Choice", choices = new[] { "open", "closed" } },
            new { name = "note", label = "Note", type = "LongText", readRestricted = true },
            new { name = "tasks", label = "Tasks", type = "Lines", fields = new object[] { new { name = "task", label = "Task", type = "Text" } } },
        },
        workflow = new
        {
            field = "status",
            states = new object[] { new { name = "open", label = "Open", initial = true }, new { name = "closed", label = "Closed" } },
            transitions = new object[]
            {
                new { name = "close", label = "Close", from = new[] { "open" }, to = "closed" },
                new { name = "reopen", label = "Reopen", from = new[] { "closed" }, to = "open" },
            },
        },
    };
}
