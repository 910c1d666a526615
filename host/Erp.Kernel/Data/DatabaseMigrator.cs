using System.Reflection;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Erp.Kernel.Data;

/// <summary>
/// Applies every module's and plugin's migrations in dependency order, then runs their seeders. A plugin whose
/// migration or seeder fails is marked failed and skipped; a built-in module's failure, or an unreachable
/// database, stops the run.
/// </summary>
public sealed class DatabaseMigrator(
    ModuleCatalog catalog,
    PluginRegistry plugins,
    IServiceScopeFactory scopes,
    NpgsqlDataSource dataSource,
    IConfiguration configuration,
    ILogger<DatabaseMigrator> logger)
{
    private bool RowLevelSecurity => CompanyRowSecurity.IsEnabled(configuration);

    public async Task MigrateAsync(bool includeDemoData, Action<string> progress, CancellationToken cancellationToken)
    {
        await ForEachAvailableModuleAsync("migration", (module, scope, ct) => MigrateModuleAsync(module, scope, progress, ct), progress, cancellationToken);
        var seed = new SeedContext(includeDemoData, progress);
        await ForEachAvailableModuleAsync("seeding", (module, scope, ct) => SeedModuleAsync(module, scope, seed, progress, ct), progress, cancellationToken);
    }

    /// <summary>
    /// What <see cref="MigrateAsync"/> would change, from what it recorded, with no EF Core model or service provider
    /// built (the start-up check of every new instance: the assemblies' metadata and two queries): each module whose
    /// schema's newest migration is older than this build's, or whose row-level security migrate last applied for another
    /// setting.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetOutdatedSchemasAsync(CancellationToken cancellationToken)
    {
        var expected = catalog.Modules.Where(m => plugins.IsAvailable(m.Id))
            .SelectMany(m => m.DbContexts.Select(context => (Module: m.Id, Schema: SchemaOf(context), LastMigration: LastMigrationOf(context))))
            .ToArray();
        var recorded = await RecordedSchemasAsync(expected.Select(e => e.Schema).ToArray(), cancellationToken);
        var rowSecurity = CompanyRowSecurity.State(RowLevelSecurity);
        var outdated = new List<string>();
        foreach (var (module, schema, lastMigration) in expected)
        {
            var (applied, appliedRowSecurity) = recorded.GetValueOrDefault(schema);
            if (string.CompareOrdinal(applied, lastMigration) < 0) outdated.Add($"{module}: migrations after {applied ?? "none"} up to {lastMigration}");
            else if (appliedRowSecurity != rowSecurity) outdated.Add($"{module}: row-level security of schema {schema}");
        }

        return outdated;
    }

    // IModuleDbContext.Schema, which names the context's history table's schema too (ErpDbContextOptions).
    private static string SchemaOf(Type context) =>
        (string)context.GetProperty(nameof(IModuleDbContext.Schema), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    // The newest migration EF Core's migrations assembly would find: the context's own assembly (ErpDbContextOptions).
    private static string? LastMigrationOf(Type context) => MigrationMetadata.LastMigrationOf(context);

    // Per schema with a history table: its newest migration, and the row-level security state migrate wrote on it.
    private async Task<Dictionary<string, (string? LastMigration, string? RowSecurity)>> RecordedSchemasAsync(
        string[] schemas, CancellationToken cancellationToken)
    {
        const string history = ErpDbContextOptions.MigrationsHistoryTable;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Every schema's history table, filtered here: an array parameter would have Npgsql build its array type mappings
        // first, a tenth of a second of samples in a traced start, in the first start-up probe.
        var comments = (await QueryAsync(connection,
                $"SELECT n.nspname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = '{history}'",
                cancellationToken))
            .Where(c => schemas.Contains(c.Key)).ToDictionary();
        if (comments.Count == 0) return [];
        var newest = await QueryAsync(connection,
            string.Join(" UNION ALL ", comments.Keys.Select(schema => $"SELECT '{schema.Replace("'", "''", StringComparison.Ordinal)}', max(migration_id) FROM {SqlIdentifiers.Quoted(schema)}.{SqlIdentifiers.Quoted(history)}")),
            cancellationToken);
        return comments.ToDictionary(c => c.Key, c => (newest.GetValueOrDefault(c.Key), c.Value));
    }

    private static async Task<Dictionary<string, string?>> QueryAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new Dictionary<string, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return rows;
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
                // What the start-up check of each instance compares (GetOutdatedSchemasAsync), on the table migrate owns.
                var recorded = $"COMMENT ON TABLE {SqlIdentifiers.Quoted(SchemaOf(contextType))}.{SqlIdentifiers.Quoted(ErpDbContextOptions.MigrationsHistoryTable)} IS '{CompanyRowSecurity.State(RowLevelSecurity)}'";
                await db.Database.ExecuteSqlRawAsync(recorded, cancellationToken);
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
