using Erp.Kernel.Data;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Erp.BackgroundJobs.Application;

/// <summary>
/// The job store's connections: a data source of their own, pooled as the modules' are (no reset when a connection
/// goes back to the pool, repeated statements prepared: the workers' queue polls are most of a job instance's idle
/// statements) and named <c>erp-jobs</c> in the pool metrics and in PostgreSQL's <c>pg_stat_activity</c>.
/// </summary>
internal sealed class JobStoreConnections(NpgsqlDataSource connections) : IConnectionFactory
{
    public const string Name = "erp-jobs";

    public static NpgsqlDataSource DataSource(IConfiguration configuration) =>
        ErpDbContextOptions.DataSource(ErpDbContextOptions.ConnectionString(configuration), Name);

    // Hangfire opens it, and disposes it when done (back to the pool).
    public NpgsqlConnection GetOrCreateConnection() => connections.CreateConnection();
}
