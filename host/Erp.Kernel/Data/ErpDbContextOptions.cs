using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Erp.Kernel.Data;

/// <summary>The one place a module DbContext's provider options are set, at run time and at design time.</summary>
public static class ErpDbContextOptions
{
    /// <summary>The connection string every module shares: <c>ConnectionStrings:Erp</c>.</summary>
    public const string ConnectionStringName = "Erp";

    /// <summary>Each module keeps its migrations history in its own schema, so modules migrate independently.</summary>
    public const string MigrationsHistoryTable = "__migrations_history";

    /// <summary>
    /// The configured connection string, with Npgsql's reset of pooled connections off unless it says otherwise:
    /// nothing in Erp leaves session state on a connection (no SET, temporary tables or LISTEN outlive their use),
    /// so the <c>DISCARD ALL</c> sent each time a connection returns to the pool is a round trip per query for
    /// nothing. test/Erp.Benchmarks/load.sh measures it (docs/platform-core.md has the figures).
    /// </summary>
    public static string PooledConnectionString(string configured)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        if (given.ContainsKey("No Reset On Close") || given.ContainsKey("NoResetOnClose")) return configured;
        return new NpgsqlConnectionStringBuilder(configured) { NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>
    /// A data source on <paramref name="configured"/> (<see cref="PooledConnectionString"/>), named: its metrics (pool use,
    /// command durations) are labelled with <paramref name="name"/>, not with the connection string.
    /// </summary>
    public static NpgsqlDataSource DataSource(string configured, string name) =>
        new NpgsqlDataSourceBuilder(PooledConnectionString(configured)) { Name = name }.Build();

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
