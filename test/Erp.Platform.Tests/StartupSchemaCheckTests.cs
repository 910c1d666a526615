using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The start-up probe's schema check reads each context's migrations from its assembly's metadata, without loading the
/// assembly's types: it must find pending what EF Core's own migrations assembly finds pending, for every module and plugin.
/// </summary>
public sealed class StartupSchemaCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADatabaseOneMigrationBehind_IsFoundOutdated_ForEveryContext_AsEfCoreCountsMigrations()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing, TestPlugins.Sample]);
        await host.MigrateAsync();
        var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
        (await migrator.GetOutdatedSchemasAsync(Ct)).ShouldBeEmpty();

        // Every schema loses its newest migration, as the database of the build before would be.
        using var scope = host.Services.CreateScope();
        var expected = new List<string>();
        foreach (var module in host.Services.GetRequiredService<ModuleCatalog>().Modules)
        {
            foreach (var contextType in module.DbContexts)
            {
                var migrations = ((DbContext)scope.ServiceProvider.GetRequiredService(contextType)).Database.GetMigrations().ToArray();
                var schema = (string)contextType.GetProperty(nameof(IModuleDbContext.Schema))!.GetValue(null)!;
                await PostgresServer.ExecuteAsync(
                    $"DELETE FROM \"{schema}\".{ErpDbContextOptions.MigrationsHistoryTable} WHERE migration_id = '{migrations[^1]}'", database);
                expected.Add($"{module.Id}: migrations after {(migrations.Length > 1 ? migrations[^2] : "none")} up to {migrations[^1]}");
            }
        }

        expected.ShouldContain(e => e.StartsWith("Erp.Identity:", StringComparison.Ordinal), "a built-in module");
        expected.ShouldContain(e => e.StartsWith("Erp.Invoicing:", StringComparison.Ordinal), "a business plugin");
        (await migrator.GetOutdatedSchemasAsync(Ct)).ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task ADatabaseMissingAnOlderMigration_IsFoundOutdated_AsEfCoreFindsItPending()
    {
        // A migration merged with an earlier id than one applied already: EF Core applies it, so the check must not pass.
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample]);
        using var scope = host.Services.CreateScope();
        var identity = host.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Id == "Erp.Identity").DbContexts[0];
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(identity);
        var migrations = db.Database.GetMigrations().ToArray();
        migrations.Length.ShouldBeGreaterThan(1);
        var schema = (string)identity.GetProperty(nameof(IModuleDbContext.Schema))!.GetValue(null)!;
        await PostgresServer.ExecuteAsync($"DELETE FROM \"{schema}\".{ErpDbContextOptions.MigrationsHistoryTable} WHERE migration_id = '{migrations[0]}'", database);

        (await db.Database.GetPendingMigrationsAsync(Ct)).ShouldBe([migrations[0]]);
        (await host.Services.GetRequiredService<DatabaseMigrator>().GetOutdatedSchemasAsync(Ct))
            .ShouldBe([$"Erp.Identity: migrations {migrations[0]} not applied, older than {migrations[^1]}"]);
    }
}
