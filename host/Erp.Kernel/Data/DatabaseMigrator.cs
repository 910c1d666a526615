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
        var unchanged = await UnchangedContextsAsync(cancellationToken);
        await ForEachAvailableModuleAsync("migration", (module, scope, ct) => MigrateModuleAsync(module, scope, unchanged, progress, ct), progress, cancellationToken);
        var seed = new SeedContext(includeDemoData, progress);
        await ForEachAvailableModuleAsync("seeding", (module, scope, ct) => SeedModuleAsync(module, scope, seed, progress, ct), progress, cancellationToken);
    }

    /// <summary>
    /// What <see cref="MigrateAsync"/> would change, from what it recorded, with no EF Core model or service provider
    /// built (the start-up check of every new instance: the assemblies' metadata and two queries): each module with a
    /// migration its schema's history does not list, or whose row-level security migrate last applied for another setting.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetOutdatedSchemasAsync(CancellationToken cancellationToken) =>
        (await ContextSchemasAsync(cancellationToken)).Where(s => !s.IsCurrent).Select(s => s.Outdated).ToList();

    /// <summary>
    /// The contexts migrate leaves as they are, found as the start-up check finds them, with no EF Core model built (building
    /// every module's model took half of a Development start): every migration applied, row-level security recorded as
    /// configured, and no table in the context's schema whose policy differs (for a context that makes tables at run time,
    /// in no other schema either: a table an instance of the previous version made during a rolling update).
    /// </summary>
    private async Task<HashSet<Type>> UnchangedContextsAsync(CancellationToken cancellationToken)
    {
        var schemas = await ContextSchemasAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var differing = (await QueryAsync(connection, CompanyRowSecurity.DifferingTablesQuery(RowLevelSecurity), cancellationToken))
            .Select(row => row.Schema).ToHashSet(StringComparer.Ordinal);
        var differingElsewhere = differing.Except(schemas.Select(s => s.Schema)).Any();
        return schemas
            .Where(s => s.IsCurrent && !differing.Contains(s.Schema)
                && !(differingElsewhere && typeof(IRuntimeCompanyOwnedTables).IsAssignableFrom(s.Context)))
            .Select(s => s.Context).ToHashSet();
    }

    private async Task<List<ContextSchema>> ContextSchemasAsync(CancellationToken cancellationToken)
    {
        var expected = catalog.Modules.Where(m => plugins.IsAvailable(m.Id))
            .SelectMany(m => m.DbContexts.Select(context => (Module: m.Id, Context: context, Schema: SchemaOf(context))))
            .ToArray();
        var recorded = await RecordedSchemasAsync(expected.Select(e => e.Schema).ToArray(), cancellationToken);
        var rowSecurity = CompanyRowSecurity.State(RowLevelSecurity);
        return expected.Select(e =>
        {
            var (applied, appliedRowSecurity) = recorded.GetValueOrDefault(e.Schema, ([], null));
            // As EF Core finds pending migrations: those of the context's assembly its history does not list.
            var pending = MigrationMetadata.MigrationsOf(e.Context).Where(id => !applied.Contains(id)).ToArray();
            return new ContextSchema(e.Module, e.Context, e.Schema, pending, applied.Max(StringComparer.Ordinal), appliedRowSecurity == rowSecurity);
        }).ToList();
    }

    /// <summary>One context's schema against this build: the migrations its history lacks, and its row-level security.</summary>
    private sealed record ContextSchema(string Module, Type Context, string Schema, string[] Pending, string? NewestApplied, bool RowSecurityAsSet)
    {
        public bool IsCurrent => Pending.Length == 0 && RowSecurityAsSet;

        public string Outdated =>
            Pending.Length == 0 ? $"{Module}: row-level security of schema {Schema}"
            : Pending.All(id => string.CompareOrdinal(id, NewestApplied) > 0) ? $"{Module}: migrations after {NewestApplied ?? "none"} up to {Pending[^1]}"
            : $"{Module}: migrations {string.Join(", ", Pending)} not applied, older than {NewestApplied}";
    }

    // IModuleDbContext.Schema, which names the context's history table's schema too (ErpDbContextOptions).
    private static string SchemaOf(Type context) =>
        (string)context.GetProperty(nameof(IModuleDbContext.Schema), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    // Per schema with a history table: the migrations it lists, and the row-level security state migrate wrote on it.
    private async Task<Dictionary<string, (HashSet<string> Applied, string? RowSecurity)>> RecordedSchemasAsync(
        string[] schemas, CancellationToken cancellationToken)
    {
        const string history = ErpDbContextOptions.MigrationsHistoryTable;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Every schema's history table, filtered here: an array parameter would have Npgsql build its array type mappings
        // first, a tenth of a second of samples in a traced start, in the first start-up probe.
        var comments = (await QueryAsync(connection,
                $"SELECT n.nspname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = '{history}'",
                cancellationToken))
            .Where(c => schemas.Contains(c.Schema)).ToDictionary(c => c.Schema, c => c.Value);
        if (comments.Count == 0) return [];
        var applied = (await QueryAsync(connection,
                string.Join(" UNION ALL ", comments.Keys.Select(schema => $"SELECT '{schema.Replace("'", "''", StringComparison.Ordinal)}', migration_id FROM {SqlIdentifiers.Quoted(schema)}.{SqlIdentifiers.Quoted(history)}")),
                cancellationToken))
            .ToLookup(row => row.Schema, row => row.Value!); // migration_id is the history table's key: never null
        return comments.ToDictionary(c => c.Key, c => (applied[c.Key].ToHashSet(StringComparer.Ordinal), c.Value));
    }

    private static async Task<List<(string Schema, string? Value)>> QueryAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<(string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return rows;
    }

    private async Task MigrateModuleAsync(
        ModuleDescriptor module, IServiceProvider services, HashSet<Type> unchanged, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var contextType in module.DbContexts)
        {
            if (unchanged.Contains(contextType))
            {
                progress($"{module.Id}: schema of {contextType.Name} up to date");
                continue;
            }

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
