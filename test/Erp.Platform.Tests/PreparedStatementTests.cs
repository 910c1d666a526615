using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The host prepares the statements it repeats (Npgsql's automatic preparation). A prepared statement whose result type a
/// schema change alters fails once on each connection that prepared it (PostgreSQL's "cached plan must not change result
/// type"); no request an instance serves once a change has reached it may see that.
/// </summary>
public sealed class PreparedStatementTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFieldsNewType_IsReadAndWritten_ThroughStatementsPreparedBeforeTheChange_OnEveryInstance()
    {
        var entity = "parcel_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Parcels");
        using var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        await onA.DefineAsync(entity, new { name = "label", label = "Label", type = "Text" }, new { name = "weight", label = "Weight", type = "Text" });
        var parcel = await onA.CreateRecordAsync(entity, new { label = "first", weight = "12" });

        // Enough reads and writes on both instances that each statement is prepared on the connections that ran it.
        foreach (var client in new[] { onA, onB })
        {
            for (var i = 0; i < 6; i++)
            {
                (await client.GetAsync($"/api/data/{entity}?sort=label", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
                (await client.GetAsync($"/api/data/{entity}/{parcel}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
                await client.CreateRecordAsync(entity, new { label = $"before {i}", weight = "3" });
            }
        }

        var definition = (await onA.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{entity}", Ct))!;
        definition["fields"]![1]!["type"] = "WholeNumber";
        (await onA.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A serves the new type at once; B once the change reaches it (the platform's second), and from then on, always.
        await ReadsTheNewTypeAsync(onA, entity, parcel);
        var (reached, _) = await Eventually.ValueAsync(async () =>
        {
            using var response = await onB.GetAsync($"/api/data/{entity}/{parcel}", Ct);
            return response.IsSuccessStatusCode
                   && (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("weight").ValueKind == JsonValueKind.Number;
        }, done => done, TimeSpan.FromSeconds(5));
        reached.ShouldBeTrue();
        await ReadsTheNewTypeAsync(onB, entity, parcel);
    }

    [Fact]
    public async Task AnExtraFieldsNewType_IsReadThroughTheOwnersApi_AfterItsStatementsWerePrepared()
    {
        const string rates = "/api/sample/exchange-rates";
        var company = await instances.AdminOnA.CreateCompanyAsync("Graded rates");
        using var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        (await onA.PutAsJsonAsync("/api/low-code/extensions/sample.exchange_rate",
            new { version = 0, fields = new[] { new { name = "grade", label = "Grade", type = "Text" } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rate = (await (await onA.PostAsJsonAsync(rates,
            new { currency = "USD", rate = 0.9m, validFrom = "2026-12-01", extra = new { grade = "7" } }, Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var i = 0; i < 6; i++) (await onA.GetAsync($"{rates}/{rate}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var extension = (await onA.GetFromJsonAsync<JsonObject>("/api/low-code/extensions/sample.exchange_rate", Ct))!;
        extension["fields"]![0]!["type"] = "WholeNumber";
        (await onA.PutAsJsonAsync("/api/low-code/extensions/sample.exchange_rate",
            new { version = 1, fields = extension["fields"] }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 6; i++)
        {
            var read = await onA.GetAsync($"{rates}/{rate}", Ct);
            read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync(Ct));
            (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("extra").GetProperty("grade").GetInt32().ShouldBe(7);
        }
    }

    [Fact]
    public async Task AColumnChangedBehindAnInstancesBack_IsAProblemToRetry_AndTheRetryIsServed()
    {
        using var admin = await instances.A.CreateSignedInClientAsync();
        // Twice at least on each connection the pool hands out in turn: prepared on all of them.
        for (var i = 0; i < 20; i++) (await admin.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // As a migration for the plugin's next version would, while this instance still runs.
        await PostgresServer.ExecuteAsync("ALTER TABLE sample.currencies ALTER COLUMN name TYPE text", instances.Database);

        // Each connection that prepared the statement meets the change once, with a problem that says to retry.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await admin.GetAsync("/api/sample/currencies", Ct);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.OK) continue;
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "schema-changed");
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        }

        answers.ShouldContain(HttpStatusCode.ServiceUnavailable, "the statement prepared before the change met it");
        answers.TakeLast(8).ShouldAllBe(status => status == HttpStatusCode.OK, string.Join(",", answers.Select(a => (int)a)));
    }

    private static async Task ReadsTheNewTypeAsync(HttpClient client, string entity, Guid parcel)
    {
        for (var i = 0; i < 6; i++)
        {
            var list = await client.GetAsync($"/api/data/{entity}?sort=label", Ct);
            list.StatusCode.ShouldBe(HttpStatusCode.OK, await list.Content.ReadAsStringAsync(Ct));
            var one = await client.GetAsync($"/api/data/{entity}/{parcel}", Ct);
            one.StatusCode.ShouldBe(HttpStatusCode.OK, await one.Content.ReadAsStringAsync(Ct));
            (await one.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("weight").GetInt32().ShouldBe(12);
            var created = await client.PostAsJsonAsync($"/api/data/{entity}", new { label = $"after {i}", weight = 4 }, Ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
            (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("weight").GetInt32().ShouldBe(4);
        }
    }
}
