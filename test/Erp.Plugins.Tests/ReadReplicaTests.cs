using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// Reports and dashboards' figures read a real streaming replica (ConnectionStrings:ErpReadReplica), a moment behind the
/// primary: held back while the standby's replay is paused, caught up when it resumes; with every standby down they go on
/// from the primary (listed last, prefer-standby) and readiness says degraded, not down.
/// </summary>
public sealed class ReadReplicaTests(ReadReplicaTests.Fixture fixture) : IClassFixture<ReadReplicaTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Replication = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DashboardFigures_ReadTheStandby_AndGoOnFromThePrimary_WhenItIsDown()
    {
        var shop = await Shop.CreateAsync(fixture, "Replica", stock: 10);
        await Shop.ConfirmAsync(shop, await Shop.QuoteAsync(shop, (shop.Drill, 1m, 25m, 0m)));
        (await Eventually.ValueAsync(() => OrdersTodayAsync(shop.Client), n => n == 1, Replication)).Value.ShouldBe(1);
        var users = await UsersAsync();

        await fixture.OnStandbyAsync("SELECT pg_wal_replay_pause()");
        await Shop.ConfirmAsync(shop, await Shop.QuoteAsync(shop, (shop.Drill, 2m, 25m, 0m)));
        await fixture.Host.CreateUserAsync(fixture.Admin, "replica" + Guid.NewGuid().ToString("N")[..8], "Replica-Pass-2026!");
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // what replication would need, were it not paused

        (await shop.Client.GetFromJsonAsync<JsonElement>("/api/sales/orders?status=Confirmed", Ct)).GetProperty("total").GetInt32()
            .ShouldBe(2, "the orders themselves are read from the primary");
        (await OrdersTodayAsync(shop.Client)).ShouldBe(1, "the statistics read the standby, whose replay is paused");
        (await UsersAsync()).ShouldBe(users, "so do the user statistics");

        await fixture.OnStandbyAsync("SELECT pg_wal_replay_resume()");
        (await Eventually.ValueAsync(() => OrdersTodayAsync(shop.Client), n => n == 2, Replication)).Value.ShouldBe(2);
        (await UsersAsync()).ShouldBe(users + 1);
        (await ReplicaHealthAsync()).ShouldBe("Healthy");

        fixture.StopStandby();

        // The pool's connections to the stopped standby fail once each; then the reads go to the primary.
        (await Eventually.ValueAsync(() => OrdersTodayOrStatusAsync(shop.Client), n => n == 2, Replication)).Value.ShouldBe(2);
        using (var ready = await fixture.Host.CreateClient().GetAsync("/health/ready", Ct))
            ready.StatusCode.ShouldBe(HttpStatusCode.OK, "no standby is degraded, not down: the instance still serves");
        (await ReplicaHealthAsync()).ShouldBe("Degraded");

        fixture.StartStandby();
        (await Eventually.ValueAsync(ReplicaHealthAsync, s => s == "Healthy", TimeSpan.FromSeconds(30))).Value.ShouldBe("Healthy", "the standby is back");
    }

    [Fact]
    public async Task TheReplicaContext_NeverSaves()
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var replica = ModuleContexts.OnReplica(scope.ServiceProvider, TestPlugins.Sales);
        replica.ChangeTracker.QueryTrackingBehavior.ShouldBe(QueryTrackingBehavior.NoTracking);
        await Should.ThrowAsync<NotSupportedException>(() => replica.SaveChangesAsync(Ct));
        ModuleContexts.Of(scope.ServiceProvider, TestPlugins.Sales).ChangeTracker.QueryTrackingBehavior.ShouldBe(QueryTrackingBehavior.TrackAll);
    }

    private static async Task<int> OrdersTodayAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/sales/statistics?days=7", Ct)).GetProperty("days")[6].GetProperty("orders").GetInt32();

    // -1 while the request fails (a broken pooled connection to the stopped standby).
    private static async Task<int> OrdersTodayOrStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/sales/statistics?days=7", Ct);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("days")[6].GetProperty("orders").GetInt32() : -1;
    }

    private async Task<int> UsersAsync() =>
        (await fixture.Admin.GetFromJsonAsync<JsonElement>("/api/identity/statistics/users", Ct)).GetProperty("total").GetInt32();

    private async Task<string> ReplicaHealthAsync() =>
        (await fixture.Host.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready", Ct)).GetProperty("checks").GetProperty("postgresql-replica")
        .GetProperty("status").GetString()!;

    /// <summary>
    /// A primary cluster of its own (the test server's would be copied whole), a standby streamed from it, and a host whose
    /// replica connection string lists the standby, then the primary (prefer-standby), as an ordinary role.
    /// </summary>
    public sealed class Fixture() : PluginHost(TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales)
    {
        private readonly string _primary = PostgresServer.NewClusterDirectory();
        private readonly string _standby = PostgresServer.NewClusterDirectory();
        private readonly int _primaryPort = PostgresServer.FreePort();
        private readonly int _standbyPort = PostgresServer.FreePort();

        public void StopStandby() => PostgresServer.StopCluster(_standby);

        public void StartStandby() => PostgresServer.StartStandby(_standby, _standbyPort, _primaryPort);

        public async Task OnStandbyAsync(string sql)
        {
            await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={_standbyPort};Username=postgres;Database=postgres;Pooling=false");
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(Ct);
        }

        protected override async Task<(string Database, IDictionary<string, string?>? Settings)> CreateDatabaseAsync()
        {
            PostgresServer.StartCluster(_primary, _primaryPort);
            var database = "erp_replica_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={_primaryPort};Username=postgres;Database=postgres;Pooling=false"))
            {
                await connection.OpenAsync(Ct);
                await using var role = new NpgsqlCommand("CREATE ROLE erp_app LOGIN NOSUPERUSER NOBYPASSRLS", connection);
                await role.ExecuteNonQueryAsync(Ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database} OWNER erp_app", connection); // not in a transaction
                await create.ExecuteNonQueryAsync(Ct);
            }

            StartStandby();
            return (database, new Dictionary<string, string?>
            {
                ["ConnectionStrings:Erp"] = $"Host=127.0.0.1;Port={_primaryPort};Username=erp_app;Password=test-only-not-a-secret;Database={database}",
                ["ConnectionStrings:ErpReadReplica"] = $"Host=127.0.0.1:{_standbyPort},127.0.0.1:{_primaryPort};Target Session Attributes=prefer-standby;"
                    + $"Host Recheck Seconds=1;Username=erp_app;Password=test-only-not-a-secret;Database={database}",
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            PostgresServer.RemoveCluster(_standby);
            PostgresServer.RemoveCluster(_primary);
        }
    }
}
