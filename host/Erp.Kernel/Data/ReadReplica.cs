using Microsoft.Extensions.Configuration;

namespace Erp.Kernel.Data;

/// <summary>
/// Reads that may lag the primary by a moment (reports, dashboards' figures, metrics gauges) go to a PostgreSQL streaming
/// replica when <c>ConnectionStrings:ErpReadReplica</c> names one, and so spare the primary; to the primary when it names
/// none. A module asks for the keyed services: <c>[FromKeyedServices(ReadReplica.Key)] XDbContext</c> (its context on the
/// replica: the company filter and policies as always, no change tracking, outside the unit of work, never saves) or
/// <c>NpgsqlDataSource</c>. What a user has just written may not be there yet: read it back through the module's own
/// context, never through this one.
/// </summary>
/// <remarks>
/// To go on reading when every replica is down, list the primary after them with
/// <c>Target Session Attributes=prefer-standby</c> (Npgsql's multi-host connection string); readiness then says
/// "degraded" rather than failing (docs/operations.md).
/// </remarks>
public static class ReadReplica
{
    /// <summary>The key of the replica's data source and of every module context on it.</summary>
    public const string Key = "read-replica";

    /// <summary>The replica's connection string: <c>ConnectionStrings:ErpReadReplica</c>.</summary>
    public const string ConnectionStringName = "ErpReadReplica";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));
}
