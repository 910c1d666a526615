using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Automations on a low-code entity, defined on one instance and triggered on the other: mails through the SMTP capture
/// server, fields set, records created and webhooks called, each after (and only with) the change that triggered it;
/// loops stop; schedules run; definitions that could not run are refused with nothing applied.
/// </summary>
public sealed class LowCodeAutomationTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TwoInstances _instances = null!;

    public async ValueTask InitializeAsync() => _instances = await TwoInstances.StartAsync([TestPlugins.Sample], new Dictionary<string, string?>
    {
        ["LowCode:Webhooks:AllowPrivateNetworks"] = "true", ["Messaging:MaxAttempts"] = "3", ["Messaging:RetryDelay"] = "00:00:01",
    });

    public async ValueTask DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task Automations_Mail_SetFields_CreateRecords_AndCallWebhooks_OnlyForChangesThatCommit()
    {
        var (ticket, task) = ("ticket_" + Guid.NewGuid().ToString("N")[..8], "task_" + Guid.NewGuid().ToString("N")[..8]);
        var company = await _instances.AdminOnA.CreateCompanyAsync("Automations");
        using var onA = (await _instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await _instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        await onA.DefineAsync(task, new { name = "title", label = "Title", type = "Text", required = true });
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{ticket}", Ticket(
            new
            {
                name = "welcome", label = "Confirm", trigger = new { kind = "Created" },
                actions = new[] { new { kind = "SendEmail", to = "{{ email }}", subject = "Ticket {{ subject }} received", body = "Hello,\nwe have {{ subject }}." } },
            },
            new
            {
                name = "escalate", label = "Escalate", trigger = new { kind = "FieldChanged", field = "priority" },
                condition = new { field = "priority", op = "eq", value = "high" },
                actions = new object[]
                {
                    new { kind = "SetField", field = "escalated", value = true },
                    new { kind = "CreateRecord", entity = task, values = new Dictionary<string, object> { ["title"] = "Call back about {{ subject }}", ["ticket"] = "{{ id }}" } },
                },
            },
            new { name = "notify", label = "Notify", trigger = new { kind = "StateEntered", state = "closed" }, actions = new[] { new { kind = "CallWebhooks" } } },
            new
            {
                name = "broken", label = "Refused when it runs", trigger = new { kind = "Created" },
                actions = new object[]
                {
                    new { kind = "SendEmail", to = "{{ email }}", subject = "Never sent", body = "The next action is refused." },
                    new { kind = "SetField", field = "priority", value = "urgent" },
                },
            }), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        // The task refers back to the ticket: defined after it, as an administrator would add the field.
        var taskDefinition = await onA.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{task}", Ct);
        taskDefinition!["fields"]!.AsArray().Add(new JsonObject { ["name"] = "ticket", ["label"] = "Ticket", ["type"] = "Reference", ["references"] = ticket });
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{task}", taskDefinition, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var secret = (await (await onA.PostAsJsonAsync("/api/low-code/webhooks", new { entity = ticket, events = new[] { "Automation" }, url = receiver.Url }, Ct))
            .ReadAsync<JsonElement>()).GetProperty("secret").GetString()!;

        // Created on B: the mail goes out through the outbox, its texts rendered from the record, HTML-encoded in the HTML part.
        var reader = $"reader-{Guid.NewGuid():N}@example.com";
        var created = await (await onB.PostAsJsonAsync($"/api/data/{ticket}", new { subject = "Printer <b>jam</b>", email = reader, priority = "low" }, Ct))
            .ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var (mails, _) = await Eventually.ValueAsync(() => Mailbox.ToAsync(_instances.A.MailSender, reader), m => m.Count > 0, TimeSpan.FromSeconds(15));
        var mail = mails.ShouldHaveSingleItem();
        mail.Subject.ShouldBe("Ticket Printer <b>jam</b> received");
        mail.TextBody.ShouldContain("Hello,\nwe have Printer <b>jam</b>.");
        mail.Html.ShouldContain("Printer &lt;b&gt;jam&lt;/b&gt;");
        mail.Html.ShouldNotContain("<b>jam</b>");

        // A bulk create that fails as a whole sends nothing: the jobs were enqueued in its transaction.
        var unsent = $"never-{Guid.NewGuid():N}@example.com";
        await (await onA.PostAsJsonAsync($"/api/data/{ticket}/bulk", new { create = new object[] { new { subject = "Fine", email = unsent }, new { email = unsent } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        // Priority raised to high: escalated, and a task for it. A change of another field triggers nothing more.
        var version = created.GetProperty("version").GetUInt32();
        var raised = await (await onA.PatchAsJsonAsync($"/api/data/{ticket}/{id}", new { version, priority = "high" }, Ct)).ReadAsync<JsonElement>();
        raised.GetProperty("escalated").ValueKind.ShouldBe(JsonValueKind.Null, "the automation runs after the change commits");
        var (escalated, _) = await Eventually.ValueAsync(() => onB.GetFromJsonAsync<JsonElement>($"/api/data/{ticket}/{id}", Ct),
            r => r.GetProperty("escalated").ValueKind == JsonValueKind.True, TimeSpan.FromSeconds(15));
        escalated.GetProperty("escalated").GetBoolean().ShouldBeTrue();
        var tasks = (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{task}", Ct)).GetProperty("items");
        var made = tasks.EnumerateArray().ShouldHaveSingleItem();
        made.GetProperty("title").GetString().ShouldBe("Call back about Printer <b>jam</b>");
        made.GetProperty("ticket").GetGuid().ShouldBe(id);
        made.GetProperty("companyId").GetGuid().ShouldBe(company);
        (await onA.PatchAsJsonAsync($"/api/data/{ticket}/{id}", new { version = escalated.GetProperty("version").GetUInt32(), subject = "Printer fixed" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        // Closed: the record goes to the company's subscriptions that want automations, signed.
        var current = await onA.GetFromJsonAsync<JsonElement>($"/api/data/{ticket}/{id}", Ct);
        (await onA.PostAsJsonAsync($"/api/data/{ticket}/{id}/transitions/close", new { version = current.GetProperty("version").GetUInt32() }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var called = await receiver.NextAsync(TimeSpan.FromSeconds(15));
        called.IsSignedWith(secret).ShouldBeTrue();
        var body = JsonDocument.Parse(called.Body).RootElement;
        body.GetProperty("event").GetString().ShouldBe($"{ticket}.automation");
        body.GetProperty("automation").GetString().ShouldBe("notify");
        body.GetProperty("record").GetProperty("status").GetString().ShouldBe("closed");

        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // what would have run by now has
        (await Mailbox.ToAsync(_instances.A.MailSender, unsent)).ShouldBeEmpty();
        (await Mailbox.ToAsync(_instances.A.MailSender, reader)).ShouldHaveSingleItem().Subject.ShouldNotBe("Never sent", "a refused run keeps nothing of itself");

        // The history says what ran and why a run was refused, in the company's own list.
        var refusedRuns = await onB.GetFromJsonAsync<JsonElement[]>($"/api/low-code/entities/{ticket}/automation-runs?succeeded=false", Ct);
        var refusedRun = refusedRuns!.ShouldHaveSingleItem();
        (refusedRun.GetProperty("automation").GetString(), refusedRun.GetProperty("recordId").GetGuid()).ShouldBe(("broken", id));
        refusedRun.GetProperty("problems").EnumerateObject().Select(p => p.Name).ShouldBe(["actions[1].priority"]);
        var runs = await onA.GetFromJsonAsync<JsonElement[]>($"/api/low-code/entities/{ticket}/automation-runs?succeeded=true", Ct);
        runs!.Select(r => r.GetProperty("automation").GetString()).Order().ShouldBe(["escalate", "notify", "welcome"]);
        (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{task}", Ct)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AnAutomationChangingItsOwnRecord_StopsThreeDeep_AndASchedule_RunsOncePerTime()
    {
        var counter = "counter_" + Guid.NewGuid().ToString("N")[..8];
        var company = await _instances.AdminOnA.CreateCompanyAsync("Loops");
        using var admin = (await _instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{counter}", new
        {
            label = counter, pluralLabel = counter, version = 0,
            fields = new object[] { new { name = "count", label = "Count", type = "WholeNumber" }, new { name = "ticks", label = "Ticks", type = "WholeNumber" } },
            automations = new object[]
            {
                new { name = "again", label = "Again", trigger = new { kind = "Updated" }, actions = new[] { new { kind = "SetField", field = "count", value = "{{ count | plus: 1 }}" } } },
                new
                {
                    // Yearly: no time comes by itself while the test runs (with */5, a run just before a multiple of five
                    // minutes and the next just after it are two times, which the test once met).
                    name = "tick", label = "Tick", trigger = new { kind = "Schedule", cron = "0 0 1 1 *" }, condition = new { field = "count", op = "gte", value = "3" },
                    actions = new[] { new { kind = "SetField", field = "ticks", value = "{{ ticks | plus: 1 }}" } },
                },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var id = await admin.CreateRecordAsync(counter, new { count = 0, ticks = 0 });
        var other = await admin.CreateRecordAsync(counter, new { count = 0, ticks = 0 });
        (await admin.PatchAsJsonAsync($"/api/data/{counter}/{id}", new { version = await VersionAsync(), count = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.ValueAsync(() => CountAsync(id), c => c == 3, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        (await CountAsync(id)).ShouldBe(3, "the person's change and three automated ones after it; no fourth");

        // The schedule's first sight of the automation waits for its next time; a time that has come runs once, for the
        // records matching the condition only. (The job runs every minute; the test moves the last run back instead of waiting.)
        await TriggerScheduleAsync();
        await PostgresServer.ExecuteAsync($"UPDATE lowcode.automation_schedules SET last_run_at = now() - interval '367 days' WHERE entity = '{counter}'",
            _instances.Database);
        await TriggerScheduleAsync();
        await Eventually.ValueAsync(() => TicksAsync(id), t => t >= 1, TimeSpan.FromSeconds(15));
        await TriggerScheduleAsync();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        (await TicksAsync(id)).ShouldBe(1, "one run for the time that came; none until the next");
        (await TicksAsync(other)).ShouldBe(0, "the other record does not match the condition");

        async Task<uint> VersionAsync() => (await admin.GetFromJsonAsync<JsonElement>($"/api/data/{counter}/{id}", Ct)).GetProperty("version").GetUInt32();
        Task<long> CountAsync(Guid record) => PostgresServer.ScalarAsync<long>(_instances.Database, $"SELECT count FROM data.{counter} WHERE id = '{record}'");
        Task<long> TicksAsync(Guid record) => PostgresServer.ScalarAsync<long>(_instances.Database, $"SELECT ticks FROM data.{counter} WHERE id = '{record}'");
        async Task TriggerScheduleAsync()
        {
            (await _instances.AdminOnA.PostAsync("/api/background-jobs/recurring/LowCode.ScheduledAutomations/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(_instances.Database,
                $"SELECT count(*) FROM lowcode.automation_schedules WHERE entity = '{counter}'"), c => c == 1, TimeSpan.FromSeconds(15));
        }
    }

    [Theory]
    [InlineData("""{"kind":"SendEmail","to":"{{ email }}","subject":"Hi","body":"{{ subject"}""", "automations[0].actions[0].body", "does not parse")]
    [InlineData("""{"kind":"SendEmail","to":"{{ email }}","subject":"Hi"}""", "automations[0].actions[0].body", "cannot run like this")]
    [InlineData("""{"kind":"SetField","field":"number","value":"X"}""", "automations[0].actions[0].kind", "cannot run like this")]
    [InlineData("""{"kind":"SetField","field":"status","value":"closed"}""", "automations[0].actions[0].kind", "cannot run like this")]
    [InlineData("""{"kind":"CreateRecord","entity":"no_such_entity","values":{"a":1}}""", "automations[0].actions[0].kind", "cannot run like this")]
    [InlineData("""{"kind":"CreateRecord","entity":"{entity}","values":{"\"; DROP TABLE x; --":1}}""", "automations[0].actions[0].values", "cannot run like this")]
    public async Task AnAutomationThatCouldNotRun_IsRefused_AndNothingIsApplied(string action, string key, string message)
    {
        var ticket = "ticket_" + Guid.NewGuid().ToString("N")[..8];
        var company = await _instances.AdminOnA.CreateCompanyAsync("Refusals");
        using var admin = (await _instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{ticket}", Ticket(), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{ticket}", Ct))!;
        definition["automations"] = JsonSerializer.SerializeToNode(new[]
        {
            new { name = "broken", label = "Broken", trigger = new { kind = "Created" }, actions = new[] { JsonDocument.Parse(action.Replace("{entity}", ticket, StringComparison.Ordinal)).RootElement } },
        });
        var problem = await (await admin.PutAsJsonAsync($"/api/low-code/entities/{ticket}", definition, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([key]);
        problem.GetProperty("errors").GetProperty(key)[0].GetString()!.ShouldContain(message);
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/low-code/entities/{ticket}", Ct);
        stored.GetProperty("version").GetInt32().ShouldBe(1);
        stored.GetProperty("automations").GetArrayLength().ShouldBe(0);

        definition["automations"] = JsonSerializer.SerializeToNode(new[]
        {
            new { name = "nightly", label = "Nightly", trigger = new { kind = "Schedule", cron = "61 * * * *" }, actions = new[] { new { kind = "CallWebhooks" } } },
        });
        (await (await admin.PutAsJsonAsync($"/api/low-code/entities/{ticket}", definition, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["automations[0].trigger"]);
    }

    // A ticket with a workflow (open, closed), and the automations given.
    private static object Ticket(params object[] automations) => new
    {
        label = "Ticket", pluralLabel = "Tickets", version = 0,
        fields = new object[]
        {
            new { name = "subject", label = "Subject", type = "Text", required = true },
            new { name = "email", label = "Email", type = "Email" },
            new { name = "priority", label = "Priority", type = "Choice", choices = new[] { "low", "high" } },
            new { name = "escalated", label = "Escalated", type = "Boolean" },
            new { name = "number", label = "Number", type = "Autonumber", numberFormat = "T-{#####}" },
            new { name = "status", label = "Status", type = "Choice", choices = new[] { "open", "closed" } },
        },
        workflow = new
        {
            field = "status", states = new[] { new { name = "open", label = "Open", initial = true }, new { name = "closed", label = "Closed", initial = false } },
            transitions = new[] { new { name = "close", label = "Close", from = new[] { "open" }, to = "closed" } },
        },
        automations,
    };
}
