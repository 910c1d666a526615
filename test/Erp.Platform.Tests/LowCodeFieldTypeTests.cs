using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>The field types beyond one plain value per column: what they store, how they are checked, filtered, exported and changed.</summary>
public sealed class LowCodeFieldTypeTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMultipleChoice_HoldsChoicesOnly_IsFilteredByThem_AndTravelsThroughFiles()
    {
        var entity = "article_" + Guid.NewGuid().ToString("N")[..8];
        var company = await instances.AdminOnA.CreateCompanyAsync("Tags");
        using var admin = (await instances.A.CreateSignedInClientAsync()).WorkingIn(company);
        await admin.DefineAsync(entity, new { name = "title", label = "Title", type = "Text", unique = true },
            new { name = "tags", label = "Tags", type = "MultipleChoice", choices = new[] { "red", "green", "blue" }, indexed = true });
        var both = await (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "both", tags = new[] { "red", "green" } }, Ct)).ReadAsync<JsonElement>();
        both.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["red", "green"]);
        await admin.CreateRecordAsync(entity, new { title = "red", tags = new[] { "red" } });
        await admin.CreateRecordAsync(entity, new { title = "none", tags = Array.Empty<string>() });

        foreach (var refused in new object[] { new[] { "pink" }, new[] { "red", "red" }, "red", new[] { 1 } })
        {
            var problem = await (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "x", tags = refused }, Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["tags"]);
        }

        async Task<string[]> TitlesAsync(string query) => [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/data/{entity}?sort=title&{query}", Ct))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("title").GetString()!)];
        (await TitlesAsync("filter.tags=green")).ShouldBe(["both"]);
        (await TitlesAsync("filter.tags=red")).ShouldBe(["both", "red"]);
        (await TitlesAsync("filter.tags.in=green,blue")).ShouldBe(["both"]);
        (await TitlesAsync("filter.tags.ne=red")).ShouldBe(["none"]);
        (await TitlesAsync("filter.tags.not-in=green,blue")).ShouldBe(["none", "red"]);
        (await TitlesAsync("filter.tags.is-null=true")).ShouldBe(["none"]);
        await (await admin.GetAsync($"/api/data/{entity}?filter.tags.gt=red", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await admin.GetAsync($"/api/data/{entity}?sort=tags", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT indexdef FROM pg_indexes WHERE schemaname = 'data' AND tablename = '{entity}' AND indexdef LIKE '%tags%'")).ShouldContain("USING gin");

        // Out as CSV with the choices in one cell, and back in by the title.
        var csv = await admin.GetStringAsync($"/api/data/{entity}/export?sort=title&fields=title,tags", Ct);
        csv.Split('\n')[1].TrimEnd('\r').ShouldEndWith(",both,red; green");
        var imported = await (await admin.PostAsync($"/api/data/{entity}/import?key=title",
            new StringContent("title,tags\nnone,blue; red\n", Encoding.UTF8, "text/csv"), Ct)).ReadAsync<JsonElement>();
        imported.GetProperty("updated").GetInt32().ShouldBe(1);
        (await TitlesAsync("filter.tags=blue")).ShouldBe(["none"]);

        // A choice a record holds cannot go; one none holds can. The database holds the values to the choices, whoever writes.
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/api/low-code/entities/{entity}", Ct))!;
        definition["fields"]![1]!["choices"] = new JsonArray("red", "blue");
        await (await admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.field.values-do-not-convert");
        definition["fields"]![1]!["choices"] = new JsonArray("red", "green", "blue", "black");
        (await admin.PutAsJsonAsync($"/api/low-code/entities/{entity}", definition, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/data/{entity}", new { title = "black", tags = new[] { "black" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Should.ThrowAsync<Npgsql.PostgresException>(() => PostgresServer.ExecuteAsync(
            $"UPDATE data.{entity} SET tags = ARRAY['pink']::varchar[] WHERE title = 'red'", instances.Database));

        var openApi = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var schema = openApi.GetProperty("paths").GetProperty($"/api/data/{entity}").GetProperty("post").GetProperty("operationId").GetString()!["Create".Length..];
        var tags = openApi.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty("tags");
        tags.GetProperty("items").GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ShouldBe(["red", "green", "blue", "black"]);
    }
}
