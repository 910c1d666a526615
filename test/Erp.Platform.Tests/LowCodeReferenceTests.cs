using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>Low-code references to a plugin's entity (the sample plugin's exchange rates): a foreign key to its table, its permissions, its company.</summary>
public sealed class LowCodeReferenceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Rates = "/api/sample/exchange-rates";
    private const string Extension = "/api/low-code/extensions/sample.exchange_rate";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReference_ToAPluginsEntity_IsAForeignKey_ChecksCompanyAndPermission_ExpandsAndFiltersThroughIt()
    {
        var company = await instances.AdminOnA.CreateCompanyAsync("Deals");
        var other = await instances.AdminOnA.CreateCompanyAsync("Other deals");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var adminOnB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);

        // The owner's display is what references show of its rows: no extra field takes that name.
        await (await admin.PutAsJsonAsync(Extension, new { version = 0, fields = new[] { new { name = "display", label = "Display", type = "Text" } } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "fields[0].name");
        (await admin.PutAsJsonAsync(Extension, new
        {
            version = 0,
            fields = new object[]
            {
                new { name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" } },
                new { name = "previous", label = "Previous rate", type = "Reference", references = "sample.exchange_rate" },
            },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Only entities that exist: low-code ones and those modules and plugins declared extensible.
        await (await admin.PutAsJsonAsync("/api/low-code/entities/deal", new
        {
            label = "Deal", pluralLabel = "Deals", version = 0, fields = new[] { new { name = "rate", label = "Rate", type = "Reference", references = "sample.currency" } },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "fields[0].references");
        var plan = await (await admin.PostAsJsonAsync("/api/low-code/entities/deal/plan", new
        {
            label = "Deal", pluralLabel = "Deals", version = 0, fields = new[] { new { name = "rate", label = "Rate", type = "Reference", references = "sample.exchange_rate" } },
        }, Ct)).ReadAsync<JsonElement>();
        plan.GetProperty("statements").EnumerateArray().Select(s => s.GetString()).ShouldContain(s => s!.Contains("REFERENCES \"sample\".\"exchange_rates\" (id)"));
        await admin.DefineAsync("deal",
            new { name = "title", label = "Title", type = "Text" }, new { name = "rate", label = "Rate", type = "Reference", references = "sample.exchange_rate" });
        (await PostgresServer.ScalarAsync<string>(instances.Database,
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'data.deal'::regclass AND contype = 'f'")).ShouldBe("sample.exchange_rates");

        var usd = await RateAsync(adminOnB, "USD", new { tier = "gold" });
        var chf = await RateAsync(adminOnB, "CHF", new { tier = "silver", previous = usd });
        using (var elsewhere = (await instances.B.CreateSignedInClientAsync()).WorkingIn(other))
        {
            var yen = await RateAsync(elsewhere, "JPY", new { tier = "gold" });

            // Another company's rate is no value, for a record nor for an extra field, though it exists.
            foreach (var refused in new[] { yen, Guid.NewGuid() })
            {
                await (await adminOnB.PostAsJsonAsync("/api/data/deal", new { title = "Refused", rate = refused }, Ct))
                    .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "rate");
                await (await adminOnB.PostAsJsonAsync(Rates, new { currency = "GBP", rate = 1.1m, validFrom = "2026-12-01", extra = new { previous = refused } }, Ct))
                    .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "extra.previous");
            }
        }

        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM sample.exchange_rates WHERE company_id = '{company}'")).ShouldBe(2);
        (await PostgresServer.ScalarAsync<long>(instances.Database, "SELECT count(*) FROM data.deal")).ShouldBe(0);
        await admin.CreateRecordAsync("deal", new { title = "Dollar deal", rate = usd });
        await admin.CreateRecordAsync("deal", new { title = "Franc deal", rate = chf });

        // Expanded: the rate's display column and extra fields; filtered by them, in a query string and a filter tree.
        var page = await adminOnB.GetFromJsonAsync<JsonElement>("/api/data/deal?expand=rate&sort=title", Ct);
        var expanded = page.GetProperty("items")[0].GetProperty("expanded").GetProperty("rate");
        (expanded.GetProperty("id").GetGuid(), expanded.GetProperty("display").GetString(), expanded.GetProperty("tier").GetString()).ShouldBe((usd, "USD", "gold"));
        page.GetProperty("items")[1].GetProperty("expanded").GetProperty("rate").GetProperty("previous").GetGuid().ShouldBe(usd);
        (await TitlesAsync("filter.rate.display=CHF")).ShouldBe(["Franc deal"]);
        (await TitlesAsync("filter.rate.tier=gold")).ShouldBe(["Dollar deal"]);
        (await TitlesAsync("filter.rate.display.starts-with=U")).ShouldBe(["Dollar deal"]);
        var tree = await (await adminOnB.PostAsJsonAsync("/api/data/deal/query", new { filter = new { field = "rate.tier", op = "in", value = new[] { "silver" } } }, Ct))
            .ReadAsync<JsonElement>();
        tree.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ShouldBe(["Franc deal"]);

        // A form's search-as-you-type offers this company's rates by their display, and reads one deal with its rate.
        (await OptionsAsync(adminOnB, "")).ShouldBe([(chf, "CHF"), (usd, "USD")]);
        (await OptionsAsync(adminOnB, "s")).ShouldBe([(usd, "USD")]);
        await (await admin.GetAsync("/api/data/deal/references/title", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "field");
        var view = await admin.GetFromJsonAsync<JsonElement>("/api/data/deal/view", Ct);
        Field(view, "rate").GetProperty("referenceDisplay").GetString().ShouldBe("display");
        var franc = tree.GetProperty("items")[0];
        (await admin.GetFromJsonAsync<JsonElement>($"/api/data/deal/{franc.GetProperty("id").GetGuid()}?expand=rate", Ct))
            .GetProperty("expanded").GetProperty("rate").GetProperty("display").GetString().ShouldBe("CHF");

        // An export asked for in a body filters through the reference as the list does.
        var exported = await (await admin.PostAsJsonAsync("/api/data/deal/export", new { filter = new { field = "rate.tier", op = "eq", value = "gold" }, format = "Csv" }, Ct))
            .Content.ReadAsStringAsync(Ct);
        exported.ShouldContain("Dollar deal");
        exported.ShouldNotContain("Franc deal");

        // A clerk who may read deals but not exchange rates neither expands the rates, filters through them nor looks them up.
        using var clerk = await instances.UserAsync(company, "Data.deal");
        (await clerk.GetFromJsonAsync<JsonElement>("/api/data/deal", Ct)).GetProperty("items").GetArrayLength().ShouldBe(2);
        await (await clerk.GetAsync("/api/data/deal?expand=rate", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await clerk.GetAsync("/api/data/deal?filter.rate.tier=gold", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await clerk.GetAsync("/api/data/deal/references/rate", Ct)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Field(await clerk.GetFromJsonAsync<JsonElement>("/api/data/deal/view", Ct), "rate").GetProperty("referenceDisplay").ValueKind.ShouldBe(JsonValueKind.Null);

        // The plugin cannot delete a rate a deal refers to: a clear conflict, and the rate stays.
        await (await adminOnB.DeleteAsync($"{Rates}/{usd}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "record-in-use");
        (await adminOnB.GetAsync($"{Rates}/{usd}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var schema = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement
            .GetProperty("components").GetProperty("schemas").GetProperty("LowCodeDeal").GetProperty("properties").GetProperty("rate");
        (schema.GetProperty("format").GetString(), schema.GetProperty("description").GetString()).ShouldBe(("uuid", "Rate: the id of a record of sample.exchange_rate."));

        async Task<string?[]> TitlesAsync(string query) =>
            [.. (await adminOnB.GetFromJsonAsync<JsonElement>($"/api/data/deal?{query}&sort=title", Ct)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString())];
    }

    private static async Task<(Guid, string?)[]> OptionsAsync(HttpClient client, string search) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/data/deal/references/rate?search={search}", Ct)).EnumerateArray()
            .Select(o => (o.GetProperty("id").GetGuid(), o.GetProperty("display").GetString()))];

    private static JsonElement Field(JsonElement view, string name) => view.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    private static async Task<Guid> RateAsync(HttpClient client, string currency, object extra) =>
        (await (await client.PostAsJsonAsync(Rates, new { currency, rate = 1.5m, validFrom = "2026-12-01", extra }, Ct)).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
}
