using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>Extra fields on a plugin's entity (the sample plugin's exchange rates): columns of its table, in its own API.</summary>
public sealed class LowCodeExtensionTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Rates = "/api/sample/exchange-rates";
    private const string Extension = "/api/low-code/extensions/sample.exchange_rate";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExtraFields_AreRealColumnsOfThePluginsTable_InItsApi_AndSurviveItsUpgrade()
    {
        var company = await instances.AdminOnA.CreateCompanyAsync("Extended");
        using var onA = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        using var onB = (await instances.B.CreateSignedInClientAsync()).WorkingIn(company);
        var listed = await onA.GetFromJsonAsync<JsonElement>("/api/low-code/extensions", Ct);
        listed.EnumerateArray().Single(e => e.GetProperty("entity").GetString() == "sample.exchange_rate").GetProperty("table").GetString()
            .ShouldBe("\"sample\".\"exchange_rates\"");
        await (await onA.GetAsync("/api/low-code/extensions/sample.nothing", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "low-code.extension.not-found");

        // Refused definitions change neither the table nor the extension.
        var columnsBefore = await ColumnsAsync();
        foreach (var (bad, key) in new (object Field, string Key)[]
        {
            (new { name = "lines", label = "Lines", type = "Lines", fields = new[] { new { name = "a", label = "A", type = "Text" } } }, "fields[0].type"),
            (new { name = "x\"; DROP TABLE sample.exchange_rates; --", label = "Bad", type = "Text" }, "fields[0].name"),
            (new { name = "select", label = "Reserved", type = "Text" }, "fields[0].name"),
        })
        {
            var problem = await (await onA.PutAsJsonAsync(Extension, new { fields = new[] { bad }, version = 0 }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", key);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(key);
        }

        (await ColumnsAsync()).ShouldBe(columnsBefore);

        var saved = await (await onA.PutAsJsonAsync(Extension, new
        {
            version = 0,
            fields = new object[]
            {
                new { name = "tier", label = "Tier", type = "Choice", choices = new[] { "gold", "silver" }, indexed = true },
                new { name = "credit", label = "Credit", type = "Money", minimum = 0 },
                new { name = "source", label = "Source", type = "Text", required = true },
            },
        }, Ct)).ReadAsync<JsonElement>();
        saved.GetProperty("version").GetInt32().ShouldBe(1);
        (await ColumnsAsync()).ShouldBe(columnsBefore + ",x_tier,x_credit,x_source");

        // B serves the new fields at once: written with the rate in one transaction, read with it.
        var rate = await (await onB.PostAsJsonAsync(Rates, new
        {
            currency = "USD", rate = 0.9m, validFrom = "2026-12-01", extra = new { tier = "gold", credit = new { amount = 1000, currency = "EUR" }, source = "ECB" },
        }, Ct)).ReadAsync<JsonElement>();
        rate.GetProperty("extra").GetProperty("tier").GetString().ShouldBe("gold");
        var id = rate.GetProperty("id").GetGuid();
        var read = await onA.GetFromJsonAsync<JsonElement>($"{Rates}/{id}", Ct);
        (read.GetProperty("extra").GetProperty("credit").GetProperty("amount").GetDecimal(), read.GetProperty("extra").GetProperty("source").GetString()).ShouldBe((1000m, "ECB"));

        var openApi = JsonDocument.Parse(await onA.GetStringAsync("/openapi/v1.json", Ct)).RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "ExchangeRateDto", "CreateExchangeRateRequest" })
        {
            openApi.GetProperty(schema).GetProperty("properties").GetProperty("extra").GetProperty("properties").EnumerateObject().Select(p => p.Name)
                .ShouldBe(["tier", "credit", "source"], schema);
        }

        (await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT properties::text FROM audit.entity_changes WHERE entity_id = '{id}' AND properties::text LIKE '%extra.tier%'")).ShouldContain("gold");

        // Wrong extra values are refused under extra.<field>, and nothing of the rate is written.
        foreach (var (extra, key) in new (object? Extra, string Key)[]
        {
            (new { tier = "bronze", source = "x" }, "extra.tier"), (new { source = "x", nope = 1 }, "extra.nope"), (new { tier = "gold" }, "extra.source"),
            (null, "extra.source"), (new { source = "x", credit = new { amount = -1, currency = "EUR" } }, "extra.credit"),
        })
        {
            var problem = await (await onB.PostAsJsonAsync(Rates, new { currency = "CHF", rate = 1.1m, validFrom = "2026-12-01", extra }, Ct))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", key);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([key]);
        }

        (await RatesAsync()).ShouldBe(1, "the refused rates left nothing behind");
        await (await onA.PutAsJsonAsync(Extension, new { fields = Array.Empty<object>(), version = 0 }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");

        // The plugin's next version changes its table and migrations run again: the extra columns and their values stay.
        await PostgresServer.ExecuteAsync("ALTER TABLE sample.exchange_rates ADD COLUMN upgrade_note text", instances.Database);
        await instances.A.MigrateAsync();
        (await onB.GetFromJsonAsync<JsonElement>($"{Rates}/{id}", Ct)).GetProperty("extra").GetProperty("tier").GetString().ShouldBe("gold");

        // A field left out is hidden: gone from the API, its column and data kept.
        var definition = (await onA.GetFromJsonAsync<JsonObject>(Extension, Ct))!;
        var fields = definition["fields"]!.AsArray();
        fields.RemoveAt(0);
        (await onA.PutAsJsonAsync(Extension, new { fields, version = 1 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await onB.GetFromJsonAsync<JsonElement>(Rates, Ct);
        list.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id).GetProperty("extra").TryGetProperty("tier", out _).ShouldBeFalse();
        (await PostgresServer.ScalarAsync<string>(instances.Database, $"SELECT x_tier FROM sample.exchange_rates WHERE id = '{id}'")).ShouldBe("gold");

        Task<string> ColumnsAsync() => PostgresServer.ScalarAsync<string>(instances.Database,
            "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'sample' AND table_name = 'exchange_rates' " +
            "AND column_name NOT LIKE 'upgrade%'");
        Task<long> RatesAsync() => PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM sample.exchange_rates WHERE company_id = '{company}'");
    }
}
