using System.Globalization;
using System.Text.RegularExpressions;
using Erp.AuditLogging.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Erp.AuditLogging.Application;

/// <summary>
/// The monthly partitions of the audit tables (<c>audit.requests_2026_12</c>): created months ahead, dropped whole once
/// older than retention, which deletes nothing row by row. Rows that arrive for a month without its partition land in
/// the default partition and move into the month's partition when it is created. Instances take turns through an
/// advisory lock.
/// </summary>
internal sealed partial class AuditPartitions(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<AuditPartitions> logger)
{
    /// <summary>Months after the current one that always have their partition.</summary>
    public const int MonthsAhead = 2;

    private const long LockKey = 0x4155_4449_5450_4152; // "AUDITPAR"

    /// <summary>
    /// Creates the partitions of the current month and the next <see cref="MonthsAhead"/>, and of any month with rows in a
    /// default partition (which then move into it, so retention reaches them too).
    /// </summary>
    public async Task EnsureAsync(CancellationToken cancellationToken, bool onlyIfMigrated = false)
    {
        var current = MonthOf(clock.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (onlyIfMigrated && !await IsMigratedAsync(connection, cancellationToken)) return;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        foreach (var table in AuditTables.Partitioned)
        {
            var existing = await PartitionsAsync(connection, table, cancellationToken);
            var months = Enumerable.Range(0, MonthsAhead + 1).Select(current.AddMonths).Union(await MonthsInDefaultAsync(connection, table, cancellationToken));
            foreach (var month in months)
            {
                if (existing.ContainsKey(month)) continue;
                var (partition, from, to) = (Qualified(PartitionName(table, month)), Bound(month), Bound(month.AddMonths(1)));
                await ExecuteAsync(connection, $"""
                    CREATE TABLE {partition} (LIKE {Qualified(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
                    WITH moved AS (DELETE FROM {Qualified(table + "_default")} WHERE occurred_at >= {from} AND occurred_at < {to} RETURNING *)
                    INSERT INTO {partition} SELECT * FROM moved;
                    ALTER TABLE {Qualified(table)} ATTACH PARTITION {partition} FOR VALUES FROM ({from}) TO ({to});
                    """, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Drops the partitions whose whole month ended before <paramref name="cutoff"/>; returns their names.</summary>
    public async Task<IReadOnlyList<string>> DropEndedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var dropped = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        foreach (var table in AuditTables.Partitioned)
        {
            foreach (var (month, name) in await PartitionsAsync(connection, table, cancellationToken))
            {
                if (new DateTimeOffset(month.AddMonths(1), TimeOnly.MinValue, TimeSpan.Zero) > cutoff) continue;
                await ExecuteAsync(connection, $"DROP TABLE {Qualified(name)}", cancellationToken);
                LogDropped(name, cutoff);
                dropped.Add(name);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return dropped;
    }

    /// <summary>The monthly partitions attached to <paramref name="table"/>, by month; the default partition and others are not ours to drop.</summary>
    private static async Task<Dictionary<DateOnly, string>> PartitionsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass(@parent)
            """, connection);
        command.Parameters.AddWithValue("parent", Qualified(table));
        var partitions = new Dictionary<DateOnly, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var match = MonthlyPartition().Match(name);
            if (match.Success && match.Groups["table"].Value == table)
                partitions[new DateOnly(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), 1)] = name;
        }

        return partitions;
    }

    private static async Task<bool> IsMigratedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{Qualified(AuditTables.EntityChanges + "_default")}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<DateOnly>> MonthsInDefaultAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date FROM {Qualified(table + "_default")}", connection);
        var months = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) months.Add(reader.GetFieldValue<DateOnly>(0));
        return months;
    }

    public static DateOnly MonthOf(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1);

    public static string PartitionName(string table, DateOnly month) => $"{table}_{month.Year:D4}_{month.Month:D2}";

    private static string Qualified(string table) => $"{AuditTables.Schema}.{table}";

    private static string Bound(DateOnly month) => $"'{month:yyyy-MM-dd} 00:00:00+00'";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^(?<table>[a-z_]+)_(?<year>[0-9]{4})_(?<month>[0-9]{2})$")]
    private static partial Regex MonthlyPartition();

    [LoggerMessage(LogLevel.Information, "Dropped audit partition {Partition}: its month ended before {Cutoff:o}")]
    private partial void LogDropped(string partition, DateTimeOffset cutoff);
}
