using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>A workflow on a plugin's entity (the sample plugin's exchange rates), over an extra field that holds the state.</summary>
public sealed class LowCodeExtensionWorkflowTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Rates = "/api/sample/exchange-rates";
    private const string Extension = "/api/low-code/extensions/sample.exchange_rate";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARowOfAPluginsEntity_StartsInTheInitialState_AndMovesOnlyAlongItsTransitions()
    {
        var company = await instances.AdminOnA.CreateCompanyAsync("Approvals");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        var before = (await (await admin.PostAsJsonAsync(Rates, new { currency = "USD", rate = 0.9m, validFrom = "2026-12-01" }, Ct)).ReadAsync<JsonElement>())
            .GetProperty("id").GetGuid();

        var workflow = new
        {
            field = "status",
            states = new object[] { new { name = "draft", label = "Draft", initial = true }, new { name = "approved", label = "Approved", readOnly = true } },
            transitions = new object[]
            {
                new { name = "approve", label = "Approve", from = new[] { "draft" }, to = "approved", condition = new { field = "checked", value = "true" } },
            },
        };
        object[] fields =
        [
            new { name = "status", label = "Status", type = "Choice", choices = new[] { "draft", "approved" } },
            new { name = "checked", label = "Checked", type = "Boolean" },
        ];
        var refused = await (await admin.PutAsJsonAsync(Extension, new { fields, version = 0, workflow = new { workflow.field, workflow.states, transitions = new object[]
        {
            new { name = "approve", label = "Approve", from = new[] { "draft" }, to = "nowhere" },
        } } }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldAllBe(name => name.StartsWith("workflow", StringComparison.Ordinal));
        (await admin.PutAsJsonAsync(Extension, new { fields, version = 0, workflow }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A rate that was there takes the initial state; so does a new one, whose body may not set it.
        using var clerk = await instances.UserAsync(company, "Sample.ExchangeRates", "Sample.ExchangeRates.Manage", "Data.sample.exchange_rate.Transitions.approve");
        (await StateAsync(before)).ShouldBe("draft");
        var rate = (await (await clerk.PostAsJsonAsync(Rates, new { currency = "CHF", rate = 1.1m, validFrom = "2026-12-01", extra = new { @checked = false } }, Ct))
            .ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await StateAsync(rate)).ShouldBe("draft");
        var problem = await (await clerk.PostAsJsonAsync(Rates, new { currency = "GBP", rate = 1.2m, validFrom = "2026-12-01", extra = new { status = "approved" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["extra.status"]);

        // The transition's condition, its permission, its starting states; then its history.
        await (await clerk.PostAsJsonAsync($"{Extension}/{rate}/transitions/approve", new { }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.workflow.condition-not-met");
        await PostgresServer.ExecuteAsync($"UPDATE sample.exchange_rates SET x_checked = true WHERE id = '{rate}'", instances.Database);
        using var reader = await instances.UserAsync(company, "Sample.ExchangeRates");
        await (await reader.PostAsJsonAsync($"{Extension}/{rate}/transitions/approve", new { }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var moved = await (await clerk.PostAsJsonAsync($"{Extension}/{rate}/transitions/approve", new { comment = "checked" }, Ct)).ReadAsync<JsonElement>();
        moved.GetProperty("state").GetString().ShouldBe("approved");
        (await StateAsync(rate)).ShouldBe("approved");
        await (await clerk.PostAsJsonAsync($"{Extension}/{rate}/transitions/approve", new { }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.workflow.transition-not-allowed");
        await (await clerk.PostAsJsonAsync($"{Extension}/{rate}/transitions/reject", new { }, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.workflow.transition-not-found");
        await (await clerk.PostAsJsonAsync($"{Extension}/{Guid.NewGuid()}/transitions/approve", new { }, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");
        await (await clerk.DeleteAsync($"{Rates}/{rate}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.record.read-only-state");
        (await clerk.DeleteAsync($"{Rates}/{before}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent, "a draft rate may go");
        var history = await clerk.GetFromJsonAsync<JsonElement>($"{Extension}/{rate}/states", Ct);
        (history[0].GetProperty("from").GetString(), history[0].GetProperty("to").GetString(), history[0].GetProperty("comment").GetString())
            .ShouldBe(("draft", "approved", "checked"));

        // Another company's rate is not there for the clerk.
        using var elsewhere = (await instances.A.CreateSignedInClientAsync()).WorkingIn(await instances.AdminOnA.CreateCompanyAsync("Elsewhere"));
        var foreign = (await (await elsewhere.PostAsJsonAsync(Rates, new { currency = "JPY", rate = 0.01m, validFrom = "2026-12-01", extra = new { @checked = true } }, Ct))
            .ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        await (await clerk.PostAsJsonAsync($"{Extension}/{foreign}/transitions/approve", new { }, Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.record.not-found");

        async Task<string?> StateAsync(Guid id) =>
            (await admin.GetFromJsonAsync<JsonElement>($"{Rates}/{id}", Ct)).GetProperty("extra").GetProperty("status").GetString();
    }
}
