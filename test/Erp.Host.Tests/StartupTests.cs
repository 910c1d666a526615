using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Production start-up refuses development secrets and unsafe CORS; CORS answers only configured origins.</summary>
public sealed class StartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "ConnectionStrings:Erp is not set")]
    [InlineData("Host=127.0.0.1;Port=55432;Database=erp;Username=postgres", "ConnectionStrings:Erp holds a development value")]
    [InlineData("Host=db;Database=erp;Username=erp;Password=postgres", "ConnectionStrings:Erp holds a development value")]
    public async Task Production_RefusesToStart_WithMissingOrDevelopmentConnectionString(string? connectionString, string expected)
    {
        await using var host = new ErpHost("unused", [], settings: new Dictionary<string, string?> { ["ConnectionStrings:Erp"] = connectionString });
        var error = Should.Throw<Exception>(() => host.CreateClient());
        error.GetBaseException().Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Production_RefusesToStart_WithoutTokenSigningAndEncryptionKeys()
    {
        await using var host = new ErpHost("unused", [], settings: new Dictionary<string, string?>
        {
            ["Identity:Keys:SigningCertificate"] = null,
            ["Identity:Keys:EncryptionCertificate"] = null,
        });
        var error = Should.Throw<Exception>(() => host.CreateClient());
        error.GetBaseException().Message.ShouldContain("Identity:Keys:SigningCertificate");
    }

    [Fact]
    public async Task Development_StartsWithTheDevelopmentConnectionString()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], environment: "Development");
        using var client = host.CreateClient();
        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WildcardCorsOrigin_IsRefusedAtStartup()
    {
        await using var host = new ErpHost("unused", [], settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "*" });
        Should.Throw<Exception>(() => host.CreateClient()).GetBaseException().Message.ShouldContain("Cors:AllowedOrigins");
    }

    [Fact]
    public async Task Cors_AllowsConfiguredOriginWithCredentials_AndNoOther()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [], settings: new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = "https://app.example.test",
        });
        using var client = host.CreateClient();

        var allowed = await PreflightAsync(client, "https://app.example.test");
        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["https://app.example.test"]);
        allowed.Headers.GetValues("Access-Control-Allow-Credentials").ShouldBe(["true"]);
        // The SPA names its company and its language on every call.
        allowed.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries))
            .Select(h => h.ToLowerInvariant()).ShouldBe(["authorization", "content-type", "if-match", "x-requested-with", "x-company", "accept-language"], ignoreOrder: true);

        var other = await PreflightAsync(client, "https://evil.example.test");
        other.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/plugins");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,x-company,accept-language");
        return client.SendAsync(request, Ct);
    }
}
