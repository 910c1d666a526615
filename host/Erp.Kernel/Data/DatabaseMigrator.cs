using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Erp.Kernel.Data;

/// <summary>
/// Applies every module's and plugin's migrations in dependency order, then runs their seeders. A plugin whose
/// migration or seeder fails is marked failed and skipped; a built-in module's failure, or an unreachable
/// database, stops the run.
/// </summary>
public sealed class DatabaseMigrator(
    ModuleCatalog catalog, PluginRegistry plugins, IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseMigrator> logger)
{
    private bool RowLevelSecurity => CompanyRowSecurity.IsEnabled(configuration);

    public async Task MigrateAsync(bool includeDemoData, Action<string> progress, CancellationToken cancellationToken)
    {
        await ForEachAvailableModuleAsync("migration", (module, scope, ct) => MigrateModuleAsync(module, scope, progress, ct), progress, cancellationToken);
        var seed = new SeedContext(includeDemoData, progress);
        await ForEachAvailableModuleAsync("seeding", (module, scope, ct) => SeedModuleAsync(module, scope, seed, progress, ct), progress, cancellationToken);
    }

    /// <summary>Migrations not yet applied, per module (only modules with pending ones).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, IReadOnlyList<string>>();
        using var scope = scopes.CreateScope();
        foreach (var module in catalog.Modules.Where(m => plugins.IsAvailable(m.Id)))
        {
            foreach (var contextType in module.DbContexts)
            {
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
                var names = (await db.Database.GetPendingMigrationsAsync(cancellationToken))
                    .Concat((await CompanyRowSecurity.DifferingAsync(db, RowLevelSecurity, cancellationToken)).Select(t => $"row-level security of {t}"))
                    .ToArray();
                if (names.Length > 0) pending[module.Id] = names;
            }
        }

        return pending;
    }

    private async Task MigrateModuleAsync(
        ModuleDescriptor module, IServiceProvider services, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var contextType in module.DbContexts)
        {
            var db = (DbContext)services.GetRequiredService(contextType);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
            progress($"{module.Id}: {pending.Length} migration(s) to apply to schema of {contextType.Name}");
            // Migrations may move company-owned rows: on one connection that names every company for the whole session
            // (migration commands are not prefixed: some cannot run in a transaction), reset before it goes back to the pool.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SET {CompanyRowSecurity.Setting} = '*'", cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                await CompanyRowSecurity.ApplyAsync(db, RowLevelSecurity, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"RESET {CompanyRowSecurity.Setting}", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task SeedModuleAsync(
        ModuleDescriptor module, IServiceProvider services, SeedContext seed, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var seederType in module.Seeders)
        {
            progress($"{module.Id}: seeding with {seederType.Name}{(seed.IncludeDemoData ? " (with demo data)" : "")}");
            await ((IDataSeeder)services.GetRequiredService(seederType)).SeedAsync(seed, cancellationToken);
        }
    }

    private async Task ForEachAvailableModuleAsync(
        string step,
        Func<ModuleDescriptor, IServiceProvider, CancellationToken, Task> run,
        Action<string> progress,
        CancellationToken cancellationToken)
    {
        foreach (var module in catalog.Modules.Where(m => plugins.IsAvailable(m.Id)))
        {
            using var scope = scopes.CreateScope();
            try
            {
                await run(module, scope.ServiceProvider, cancellationToken);
            }
            catch (Exception e) when (module.IsPlugin && !DatabaseFailures.IsUnavailable(e) && e is not OperationCanceledException)
            {
                var reason = $"{step} failed: {e.GetBaseException().Message}";
                logger.LogError(e, "Plugin {PluginId} {Reason}", module.Id, reason);
                plugins.Failed(module.Id, reason);
                progress($"{module.Id}: FAILED, {reason}");
            }
        }
    }
}
