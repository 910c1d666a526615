using Erp.Backups.Domain;
using Erp.Kernel.Data;
using Npgsql;

namespace Erp.Backups.Application;

/// <summary>
/// Reads a database's figures in the caller's transaction (the backup's exported snapshot, or a restored copy): every
/// table's rows and checksum (partitions each on their own, their parents not again), and each schema's last migration.
/// </summary>
internal static class DatabaseFigureReader
{
    // Rows as text the same way whatever the server's or session's defaults, so a copy elsewhere sums the same; every
    // company's rows (row-level security).
    private const string SameText = $"""
        SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres';
        SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'; SET LOCAL {CompanyRowSecurity.Setting} = '*'
        """;

    public static async Task<DatabaseFigures> ReadAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await ExecuteAsync(SameText);
        var tables = await ListAsync<(string, string)>("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY 1, 2
            """, r => (r.GetString(0), r.GetString(1)));

        var figures = new List<TableFigures>(tables.Count);
        foreach (var (schema, table) in tables)
        {
            var (rows, checksum) = (await ListAsync($"""
                SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '')
                FROM (SELECT md5(t::text) AS h FROM {SqlIdentifiers.Quoted(schema)}.{SqlIdentifiers.Quoted(table)} t) rows
                """, r => (r.GetInt64(0), r.GetString(1))))[0];
            figures.Add(new TableFigures(schema, table, rows, checksum));
        }

        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (schema, _) in tables.Where(t => t.Item2 == ErpDbContextOptions.MigrationsHistoryTable))
        {
            var last = (await ListAsync($"SELECT max(migration_id) FROM {SqlIdentifiers.Quoted(schema)}.{SqlIdentifiers.Quoted(ErpDbContextOptions.MigrationsHistoryTable)}",
                r => r.IsDBNull(0) ? null : r.GetString(0)))[0];
            if (last is not null) versions[schema] = last;
        }

        var server = (await ListAsync("SHOW server_version", r => r.GetString(0)))[0];
        return new DatabaseFigures(server, versions, figures);

        async Task ExecuteAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        async Task<List<T>> ListAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
            return rows;
        }
    }
}
