using Erp.Kernel.Modularity;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

public sealed class MigrationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>A model change without its migration fails here: run <c>dotnet ef migrations add</c> in the module.</summary>
    [Fact]
    public void EveryModuleContext_HasNoModelChangesWithoutAMigration()
    {
        var catalog = fixture.Host.Services.GetRequiredService<ModuleCatalog>();
        var contexts = catalog.Modules.SelectMany(m => m.DbContexts).ToList();
        contexts.ShouldNotBeEmpty();

        using var scope = fixture.Host.Services.CreateScope();
        foreach (var contextType in contexts)
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
            db.Database.HasPendingModelChanges().ShouldBeFalse($"{contextType.FullName} has model changes with no migration");
        }
    }

    [Fact]
    public async Task Migrator_IsIdempotent_AndSeedsDemoDataOnce()
    {
        await fixture.Host.MigrateAsync(includeDemoData: true);
        await fixture.Host.MigrateAsync(includeDemoData: true);
        (await PostgresServer.ScalarAsync<long>(fixture.Database, "SELECT count(*) FROM sample.currencies WHERE code = 'USD'")).ShouldBe(1);
        (await PostgresServer.ScalarAsync<long>(fixture.Database, "SELECT count(*) FROM sample.__migrations_history")).ShouldBeGreaterThan(0);
    }
}
