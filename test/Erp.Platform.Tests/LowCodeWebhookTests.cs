using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Webhooks: a record change on one instance reaches a receiver, signed, retried until it is taken, logged, and sent again
/// on demand; and no subscription points into the installation's own network unless the configuration allows it.
/// </summary>
public sealed class LowCodeWebhookTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:1/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("ftp://93.184.215.14/hook")]
    [InlineData("http://user:secret@93.184.215.14/hook")]
    [InlineData("/relative/hook")]
    public async Task AWebhookIntoTheInstallationsOwnNetwork_IsRefused(string url)
    {
        var entity = "lead_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Refused");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(entity, new { name = "name", label = "Name", type = "Text" });
        var problem = await (await admin.PostAsJsonAsync("/api/low-code/webhooks", new { entity, events = new[] { "Created" }, url }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", url);
        problem.GetProperty("errors").GetProperty("url")[0].GetString()!.ShouldContain(url);
        (await admin.GetFromJsonAsync<JsonElement[]>("/api/low-code/webhooks", Ct))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task ARecordChange_ReachesTheReceiver_Signed_RetriedUntilTaken_AndCanBeSentAgain()
    {
        await using var local = await TwoInstances.StartAsync([TestPlugins.Sample], new Dictionary<string, string?>
        {
            ["LowCode:Webhooks:AllowPrivateNetworks"] = "true", ["Messaging:MaxAttempts"] = "2", ["Messaging:RetryDelay"] = "00:00:01",
        });
        await using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        await using var broken = new WebhookReceiver(HttpStatusCode.ServiceUnavailable);
        var entity = "lead_" + Guid.NewGuid().ToString("N")[..8];
        var company = await local.AdminOnA.CreateCompanyAsync("Hooks");
        using var onA = (await local.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await local.B.CreateSignedInClientAsync()).WorkingIn(company);
        await onA.DefineAsync(entity, new { name = "name", label = "Name", type = "Text" }, new { name = "score", label = "Score", type = "WholeNumber" });
        var created = await (await onA.PostAsJsonAsync("/api/low-code/webhooks", new { entity, events = new[] { "Created" }, url = receiver.Url }, Ct))
            .ReadAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var webhook = created.GetProperty("webhook").GetProperty("id").GetGuid();
        (await onA.PostAsJsonAsync("/api/low-code/webhooks", new { entity, events = new[] { "Created" }, url = broken.Url }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var ada = await onB.CreateRecordAsync(entity, new { name = "Ada", score = 7 });
        var refused = await receiver.NextAsync();
        refused.Answered.ShouldBe(HttpStatusCode.InternalServerError);
        var taken = await receiver.NextAsync();
        taken.Answered.ShouldBe(HttpStatusCode.OK);
        taken.Body.ShouldBe(refused.Body, "every attempt sends the same body");
        foreach (var request in new[] { refused, taken }) request.IsSignedWith(secret).ShouldBeTrue("signed with the subscription's secret, just now");
        taken.IsSignedWith("whsec_not-the-secret").ShouldBeFalse();
        var body = JsonDocument.Parse(taken.Body).RootElement;
        body.GetProperty("event").GetString().ShouldBe($"{entity}.created");
        body.GetProperty("record").GetProperty("id").GetGuid().ShouldBe(ada);
        body.GetProperty("record").GetProperty("score").GetInt32().ShouldBe(7);
        taken.Headers["Erp-Delivery"].ShouldBe(body.GetProperty("id").GetString());

        var deliveries = await onA.GetFromJsonAsync<JsonElement[]>($"/api/low-code/webhooks/{webhook}/deliveries", Ct);
        var delivery = deliveries!.ShouldHaveSingleItem();
        delivery.GetProperty("status").GetString().ShouldBe("Delivered");
        delivery.GetProperty("attempts").GetInt32().ShouldBe(2);
        delivery.GetProperty("lastStatusCode").GetInt32().ShouldBe(200);

        // The receiver that never takes one: two attempts (the configured most), both logged, then failed.
        (await broken.NextAsync()).Answered.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await broken.NextAsync()).Answered.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var brokenHook = (await onA.GetFromJsonAsync<JsonElement[]>("/api/low-code/webhooks", Ct))!.Single(w => w.GetProperty("url").GetString() == broken.Url);
        var failed = await Eventually.ValueAsync(
            async () => (await onA.GetFromJsonAsync<JsonElement[]>($"/api/low-code/webhooks/{brokenHook.GetProperty("id").GetGuid()}/deliveries", Ct))!.Single(),
            d => d.GetProperty("status").GetString() == "Failed", TimeSpan.FromSeconds(10));
        failed.Value.GetProperty("attempts").GetInt32().ShouldBe(2);
        failed.Value.GetProperty("lastStatusCode").GetInt32().ShouldBe(503);

        // Sent again on demand: the same body, signed anew. A change the subscription does not want sends nothing: the next
        // request the receiver gets is the following creation.
        (await onB.PostAsync($"/api/low-code/webhooks/deliveries/{delivery.GetProperty("id").GetGuid()}/redeliver", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var again = await receiver.NextAsync();
        again.Body.ShouldBe(taken.Body);
        again.IsSignedWith(secret).ShouldBeTrue();
        var version = (await onA.GetFromJsonAsync<JsonElement>($"/api/data/{entity}/{ada}", Ct)).GetProperty("version").GetUInt32();
        (await onA.PatchAsJsonAsync($"/api/data/{entity}/{ada}", new { version, score = 8 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bea = await onA.CreateRecordAsync(entity, new { name = "Bea" });
        JsonDocument.Parse((await receiver.NextAsync()).Body).RootElement.GetProperty("record").GetProperty("id").GetGuid().ShouldBe(bea);

        (await onA.DeleteAsync($"/api/low-code/webhooks/{webhook}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await onA.GetAsync($"/api/low-code/webhooks/{webhook}/deliveries", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.webhook.not-found");
    }
}
