using System.Net.Sockets;
using Npgsql;

namespace Erp.Kernel.Data;

/// <summary>Tells an unreachable or unavailable database apart from a bug: the first is a 503, the second a 500.</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception)
    {
        foreach (var e in Causes(exception))
        {
            switch (e)
            {
                case PostgresException postgres:
                    // 08: connection exception; 53: insufficient resources; 57P01-03: shutdown, crash, cannot connect now.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState is "57P01" or "57P02" or "57P03";
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or TimeoutException:
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A prepared statement met a table whose result columns changed type since its connection prepared it (PostgreSQL's
    /// "cached plan must not change result type"): a migration or a low-code change another instance made. Npgsql
    /// forgets the statement, so the same request again succeeds.
    /// </summary>
    public static bool IsSchemaChange(Exception exception) =>
        Causes(exception).Any(e => e is PostgresException { SqlState: PostgresErrorCodes.FeatureNotSupported, Routine: "RevalidateCachedQuery" });

    // EF Core and Npgsql wrap what PostgreSQL or the socket said.
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }
}
