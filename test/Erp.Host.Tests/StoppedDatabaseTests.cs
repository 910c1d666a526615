using System.Net;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>PostgreSQL stopped under a running host: 503s, never a crash, and recovery once it is back.</summary>
public sealed class StoppedDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoppingPostgres_Gives503sWhileDown_AndTheHostRecoversWhenItReturns()
    {
        var directory = PostgresServer.NewClusterDirectory();
        var port = PostgresServer.FreePort();
        PostgresServer.StartCluster(directory, port);
        try
        {
            await using var host = new ErpHost("postgres", [TestPlugins.Sample], settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Erp"] = $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Password=test-only-not-a-secret;Timeout=3",
            });
            await host.MigrateAsync();
            using var client = await host.CreateSignedInClientAsync();
            using var probe = host.CreateClient(); // load balancers probe without a token
            (await client.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // the pool now holds open connections

            PostgresServer.StopCluster(directory);
            await (await client.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
            await (await client.GetAsync("/api/sample/currencies", Ct)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
            (await probe.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await probe.GetAsync("/health/live", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

            PostgresServer.StartCluster(directory, port);
            (await probe.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            PostgresServer.RemoveCluster(directory);
        }
    }
}
