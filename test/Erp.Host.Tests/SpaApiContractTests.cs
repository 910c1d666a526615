using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// The SPA's API client is generated (<c>angular/</c>, <c>npm run api</c>) from <c>angular/api/openapi.json</c>: the document of
/// the host with its built-in modules and no plugin (plugins load at run time, so the SPA is built without them). This test
/// keeps that file the host's: a change to any module's API fails it until the file and the client are regenerated
/// (<c>bash angular/scripts/api.sh</c>, which runs it with <c>ERP_WRITE_SPA_OPENAPI=1</c>).
/// </summary>
public sealed class SpaApiContractTests
{
    private static string Committed => Path.Combine(RepositoryRoot.Path, "angular", "api", "openapi.json");

    [Fact]
    public async Task TheSpasOpenApiDocument_IsTheHostsWithoutPlugins()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, []);
        using var admin = await host.CreateSignedInClientAsync();
        var served = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();
        served.Remove("servers"); // the address the test host answered on
        var document = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("ERP_WRITE_SPA_OPENAPI") == "1") await File.WriteAllTextAsync(Committed, document, TestContext.Current.CancellationToken);
        File.Exists(Committed).ShouldBeTrue($"{Committed} is missing: run bash angular/scripts/api.sh");
        (await File.ReadAllTextAsync(Committed, TestContext.Current.CancellationToken)).ShouldBe(document,
            "the host's API changed: run bash angular/scripts/api.sh and commit angular/api/openapi.json and the regenerated client");
    }
}
