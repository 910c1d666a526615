using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Erp.Kernel.Data;

/// <summary>The one place a module DbContext's provider options are set, at run time and at design time.</summary>
public static class ErpDbContextOptions
{
    /// <summary>The connection string every module shares: <c>ConnectionStrings:Erp</c>.</summary>
    public const string ConnectionStringName = "Erp";

    /// <summary>The configured <c>ConnectionStrings:Erp</c>; an instance cannot run without it.</summary>
    public static string ConnectionString(IConfiguration configuration) => configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");

    /// <summary>Each module keeps its migrations history in its own schema, so modules migrate independently.</summary>
    public const string MigrationsHistoryTable = "__migrations_history";

    /// <summary>
    /// The configured connection string, with two of Npgsql's defaults changed unless it sets them itself:
    /// <list type="bullet">
    /// <item>No reset of pooled connections: nothing in Erp leaves session state on a connection (no SET, temporary tables
    /// or LISTEN outlive their use), so the <c>DISCARD ALL</c> sent each time a connection returns to the pool is a round
    /// trip per query for nothing.</item>
    /// <item>Repeated statements are prepared (<c>Max Auto Prepare</c>): PostgreSQL then parses and plans each once per
    /// connection instead of on every execution, half its CPU for a short query. A statement whose result columns change
    /// type fails once on each connection that prepared it (a 503 <c>schema-changed</c>, served when retried); low-code,
    /// which changes column types at run time, names the definition's revision in its statements so each revision's are
    /// new ones.</item>
    /// </list>
    /// test/Erp.Benchmarks/load.sh measures both (docs/platform-core.md has the figures).
    /// </summary>
    public static string PooledConnectionString(string configured)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        var pooled = new NpgsqlConnectionStringBuilder(configured);
        if (!Sets(given, "No Reset On Close")) pooled.NoResetOnClose = true;
        if (!Sets(given, "Max Auto Prepare")) pooled.MaxAutoPrepare = 20;
        if (!Sets(given, "Auto Prepare Min Usages")) pooled.AutoPrepareMinUsages = 2;
        return pooled.ConnectionString;
    }

    // Npgsql reads a keyword with or without its spaces.
    private static bool Sets(DbConnectionStringBuilder given, string keyword) =>
        given.ContainsKey(keyword) || given.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>
    /// A data source on <paramref name="configured"/> (<see cref="PooledConnectionString"/>), named: its metrics (pool use,
    /// command durations) are labelled with <paramref name="name"/>, not with the connection string, and its sessions
    /// carry it as their application name (in <c>pg_stat_activity</c>) unless the connection string names one.
    /// </summary>
    public static NpgsqlDataSource DataSource(string configured, string name) =>
        new NpgsqlDataSourceBuilder(Named(PooledConnectionString(configured), name)) { Name = name }.Build();

    /// <summary>
    /// <paramref name="connectionString"/> with <paramref name="name"/> as its sessions' application name unless it names
    /// one, so <c>pg_stat_activity</c> (and a restore refused while the database is in use) says whose a session is.
    /// </summary>
    public static string Named(string connectionString, string name)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(connection.ApplicationName)) connection.ApplicationName = name;
        return connection.ConnectionString;
    }

    public static DbContextOptionsBuilder Configure<TContext>(DbContextOptionsBuilder options, DbDataSource dataSource)
        where TContext : DbContext, IModuleDbContext =>
        options.UseNpgsql(dataSource, Provider<TContext>).UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder Configure<TContext>(DbContextOptionsBuilder options, string connectionString)
        where TContext : DbContext, IModuleDbContext =>
        options.UseNpgsql(connectionString, Provider<TContext>).UseSnakeCaseNamingConvention();

    // Migrations live in the context's own assembly, EF Core's default. Naming the assembly instead would make
    // EF load it by name into the default load context, where a plugin's assembly is not.
    private static void Provider<TContext>(NpgsqlDbContextOptionsBuilder npgsql) where TContext : DbContext, IModuleDbContext =>
        npgsql.MigrationsHistoryTable(MigrationsHistoryTable, TContext.Schema);
}
