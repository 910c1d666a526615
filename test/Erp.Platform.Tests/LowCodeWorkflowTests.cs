using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// A workflow on a low-code entity, defined on one instance and followed on the other: records start in the initial
/// state, only transitions move them (each a permission, with its condition), read-only states hold, and every step is
/// in the record's history.
/// </summary>
public sealed class LowCodeWorkflowTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARecord_MovesOnlyAlongItsWorkflow_AndKeepsItsHistory()
    {
        var invoice = "bill_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Workflow");
        var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{invoice}", Definition(Workflow()), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var small = await admin.CreateRecordAsync(invoice, new { amount = 0 });
        var large = await (await admin.PostAsJsonAsync($"/api/data/{invoice}", new { amount = 500 }, Ct)).ReadAsync<JsonElement>();
        large.GetProperty("status").GetString().ShouldBe("draft", "a new record starts in the initial state");
        var id = large.GetProperty("id").GetGuid();
        var refused = await (await admin.PostAsJsonAsync($"/api/data/{invoice}", new { amount = 1, status = "posted" }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["status"]);

        using var clerk = await instances.UserAsync(company, $"Data.{invoice}", $"Data.{invoice}.Update", $"Data.{invoice}.Transitions.approve");
        Task<HttpResponseMessage> MoveAsync(HttpClient client, Guid record, string transition, uint version, string? comment = null) =>
            client.PostAsJsonAsync($"/api/data/{invoice}/{record}/transitions/{transition}", new { version, comment }, Ct);
        async Task<uint> VersionAsync(Guid record) => (await admin.GetFromJsonAsync<JsonElement>($"/api/data/{invoice}/{record}", Ct)).GetProperty("version").GetUInt32();

        var approved = await (await MoveAsync(clerk, id, "approve", large.GetProperty("version").GetUInt32(), "checked the order")).ReadAsync<JsonElement>();
        approved.GetProperty("status").GetString().ShouldBe("approved");
        await (await MoveAsync(clerk, id, "approve", approved.GetProperty("version").GetUInt32())).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.workflow.transition-not-allowed");
        await (await MoveAsync(clerk, small, "approve", await VersionAsync(small))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.workflow.condition-not-met");
        await (await MoveAsync(clerk, id, "post", approved.GetProperty("version").GetUInt32())).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await MoveAsync(admin, id, "post", 1)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");
        await (await MoveAsync(admin, id, "archive", approved.GetProperty("version").GetUInt32())).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.workflow.transition-not-found");
        (await PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT string_agg(status, ',' ORDER BY amount) FROM data.{invoice}")).ShouldBe("draft,approved");

        var posted = await (await MoveAsync(admin, id, "post", approved.GetProperty("version").GetUInt32())).ReadAsync<JsonElement>();
        posted.GetProperty("status").GetString().ShouldBe("posted");
        var version = posted.GetProperty("version").GetUInt32();
        await (await clerk.PatchAsJsonAsync($"/api/data/{invoice}/{id}", new { version, amount = 1 }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.record.read-only-state");
        await (await admin.DeleteAsync($"/api/data/{invoice}/{id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.record.read-only-state");

        var history = (await clerk.GetFromJsonAsync<JsonElement[]>($"/api/data/{invoice}/{id}/history", Ct))!;
        history.Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}:{h.GetProperty("transition").GetString()}")
            .ShouldBe([">draft:", "draft>approved:approve", "approved>posted:post"]);
        history[1].GetProperty("comment").GetString().ShouldBe("checked the order");
        history[1].GetProperty("by").GetGuid().ShouldNotBe(history[2].GetProperty("by").GetGuid(), "the clerk approved, the administrator posted");
        await (await clerk.GetAsync($"/api/data/{invoice}/{Guid.NewGuid()}/history", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
    }

    [Fact]
    public async Task AWorkflowThatCannotHold_IsRefusedWithTheDefinition()
    {
        var invoice = "bill_" + Guid.NewGuid().ToString("N")[..8];
        var response = await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{invoice}", Definition(new
        {
            field = "status",
            states = new object[]
            {
                new { name = "draft", label = "Draft", initial = true }, new { name = "approved", label = "Approved", initial = true },
                new { name = "posted", label = "Posted" }, new { name = "cancelled", label = "Cancelled" },
            },
            transitions = new object[]
            {
                new { name = "approve", label = "Approve", from = new[] { "draft" }, to = "paid" },
                new { name = "post", label = "Post", from = new[] { "approved" }, to = "posted", condition = new { field = "total", op = "gt", value = 0 } },
            },
        }), Ct);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ShouldBe(["workflow.states", "workflow.transitions[0].to", "workflow.transitions[1].condition"]);

        var notAChoice = await instances.AdminOnA.PutAsJsonAsync($"/api/low-code/entities/{invoice}", Definition(Workflow() with { Field = "amount" }), Ct);
        (await notAChoice.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["workflow.field"]);
        (await PostgresServer.ScalarAsync<bool>(instances.Database, $"SELECT to_regclass('data.{invoice}') IS NULL")).ShouldBeTrue();
    }

    private static object Definition(object workflow) => new
    {
        label = "Bill", pluralLabel = "Bills", version = 0, workflow,
        fields = new object[]
        {
            new { name = "amount", label = "Amount", type = "Number" },
            new { name = "status", label = "Status", type = "Choice", choices = new[] { "draft", "approved", "posted", "cancelled" } },
        },
    };

    private static WorkflowBody Workflow() => new("status",
        [
            new { name = "draft", label = "Draft", initial = true }, new { name = "approved", label = "Approved" },
            new { name = "posted", label = "Posted", readOnly = true }, new { name = "cancelled", label = "Cancelled", readOnly = true },
        ],
        [
            new { name = "approve", label = "Approve", from = new[] { "draft" }, to = "approved", condition = new { field = "amount", op = "gt", value = 0 } },
            new { name = "post", label = "Post", from = new[] { "approved" }, to = "posted" },
            new { name = "cancel", label = "Cancel", from = new[] { "draft", "approved" }, to = "cancelled" },
        ]);

    private sealed record WorkflowBody(string Field, object[] States, object[] Transitions);
}
