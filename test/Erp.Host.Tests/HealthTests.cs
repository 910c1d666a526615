using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithDatabaseUpAndMigrated_AllProbesAreHealthy()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);
        using var client = host.CreateClient();
        foreach (var probe in new[] { "/health/live", "/health/ready", "/health/startup" })
            (await client.GetAsync(probe, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, probe);
    }

    [Fact]
    public async Task Probes_SkipTheMiddlewareAfterRouting()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample]);
        using var client = host.CreateClient();
        // The API's answers carry the request's language; a probe's does not: the request culture (which reads settings),
        // like limits, authentication and the rest after routing, never ran for it.
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/sample/currencies") { Headers = { AcceptLanguage = { new("de") } } };
        (await client.SendAsync(api, Ct)).Content.Headers.ContentLanguage.ShouldBe(["de"]);
        foreach (var probe in new[] { "/health/live", "/health/ready", "/health/startup" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, probe) { Headers = { AcceptLanguage = { new("de") } } };
            var response = await client.SendAsync(request, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, probe);
            response.Content.Headers.ContentLanguage.ShouldBeEmpty(probe);
        }
    }

    [Fact]
    public async Task WithPendingMigrations_StartupProbeFails_NamingTheModule()
    {
        await using var host = new ErpHost(await TestDatabases.CreateEmptyAsync(), [TestPlugins.Sample]);
        using var client = host.CreateClient();
        var response = await client.GetAsync("/health/startup", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Erp.Sample");

        await host.MigrateAsync();
        (await client.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnceTheStartupProbePassed_ItStaysHealthy_WithoutCheckingTheSchemasAgain()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample]);
        using var client = host.CreateClient();
        (await client.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // What a check would now find outdated (the sample's row-level security state as migrate records it): a
        // started instance is not taken back by its start-up probe, and no further probe costs the schema queries.
        await PostgresServer.ExecuteAsync("COMMENT ON TABLE sample.__migrations_history IS 'changed behind the host''s back'", database);
        (await client.GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var restarted = new ErpHost(database, [TestPlugins.Sample]);
        using var fresh = restarted.CreateClient();
        var outdated = await fresh.GetAsync("/health/startup", Ct);
        outdated.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable); // the change is one a new instance sees
        (await outdated.Content.ReadAsStringAsync(Ct)).ShouldContain("Erp.Sample");
    }

    [Fact]
    public async Task WithDatabaseDown_ReadyIs503_ApiIs503Problem_AndTheHostStaysUp()
    {
        // A port nothing listens on: the same, to a client, as a stopped server.
        await using var host = new ErpHost("unreachable", [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Erp"] = "Host=127.0.0.1;Port=1;Database=erp;Username=erp;Password=test-only-not-a-secret;Timeout=2",
        });
        using var client = host.CreateClient();

        // Probes are anonymous: they say what is down, never the database's address or its error text.
        foreach (var probe in new[] { "/health/ready", "/health/startup" })
        {
            var response = await client.GetAsync(probe, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, probe);
            var body = await response.Content.ReadAsStringAsync(Ct);
            body.ShouldContain("Unhealthy");
            body.ShouldNotContain("127.0.0.1", Case.Insensitive, probe);
            body.ShouldNotContain("connect", Case.Insensitive, probe);
        }
        // Signing in needs the database: the page answers 503, not a 500.
        using var browser = host.CreateBrowser();
        var signIn = await browser.GetAsync("/account/sign-in", Ct);
        await signIn.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
        signIn.Headers.RetryAfter.ShouldNotBeNull();
        (await client.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
