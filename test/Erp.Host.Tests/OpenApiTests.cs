using System.Net;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>The OpenAPI document the Angular client is generated from: complete, with stable operation ids.</summary>
public sealed class OpenApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Document_ListsPluginEndpoints_EachWithAUniqueOperationId()
    {
        var json = await fixture.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var document = JsonDocument.Parse(json).RootElement;

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();
        operations.ShouldContain(o => o.Path == "/api/sample/currencies" && o.Method == "post");
        operations.ShouldContain(o => o.Path == "/api/plugins" && o.Method == "get");

        var missing = operations.Where(o => !o.Operation.TryGetProperty("operationId", out _)).Select(o => $"{o.Method} {o.Path}");
        missing.ShouldBeEmpty();
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        ids.ShouldBeUnique();

        document.GetProperty("tags").EnumerateArray()
            .Where(t => t.TryGetProperty("description", out var description) && description.GetString() is { Length: > 0 })
            .Select(t => t.GetProperty("name").GetString()).ShouldContain("Currencies");
    }

    [Fact]
    public async Task InProduction_TheDocumentIsForSignedInCallers_UnlessConfiguredPublic()
    {
        using var anonymous = fixture.Host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        await (await anonymous.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        await using var published = new ErpHost(fixture.Database, [TestPlugins.Sample], settings: new Dictionary<string, string?> { ["OpenApi:Public"] = "true" });
        using var reader = published.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        (await reader.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
