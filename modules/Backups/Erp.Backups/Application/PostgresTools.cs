using System.Diagnostics;
using Erp.Kernel.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Erp.Backups.Application;

/// <summary>
/// PostgreSQL's own programs, run as the host's database user: pg_dump of an exported snapshot, pg_restore into a
/// database, and creating or dropping one. Credentials go through the environment (PGPASSWORD), never the command line.
/// Both see every company's rows: row-level security reads <c>erp.companies</c>, which they set to all. Their sessions
/// and the backup's own connections are named <see cref="ApplicationName"/> in <c>pg_stat_activity</c>, beside the
/// instances' <c>erp</c> and <c>erp-jobs</c>, unless the connection string names one.
/// </summary>
internal sealed class PostgresTools(IConfiguration configuration, IOptions<BackupsOptions> options)
{
    public const string ApplicationName = "erp-backup";

    private NpgsqlConnectionStringBuilder Connection =>
        new(ErpDbContextOptions.Named(ErpDbContextOptions.ConnectionString(configuration), ApplicationName));

    public string Database => Connection.Database!;

    public string ScratchDatabase => options.Value.ScratchDatabase ?? Database + "_restore_check";

    /// <summary>Where a restore puts the backup before it replaces the database with it.</summary>
    public string RestoringDatabase => Database + "_restoring";

    public Task DumpAsync(string snapshot, string file, CancellationToken cancellationToken) =>
        RunAsync(options.Value.PgDump, Database, ["--format=custom", "--enable-row-security", $"--snapshot={snapshot}", $"--file={file}"], cancellationToken);

    public Task RestoreAsync(string file, string database, CancellationToken cancellationToken) =>
        RunAsync(options.Value.PgRestore, database, ["--no-owner", "--no-acl", "--exit-on-error", "--jobs=2", $"--dbname={database}", file], cancellationToken);

    /// <summary>Drops <paramref name="database"/>, one of the restore's own (closing its connections), and creates it empty.</summary>
    public async Task RecreateAsync(string database, CancellationToken cancellationToken)
    {
        await DropAsync(database, closeConnections: true, cancellationToken);
        await OnServerAsync($"CREATE DATABASE {SqlIdentifiers.Quoted(database)}", cancellationToken);
    }

    public Task RenameAsync(string database, string name, CancellationToken cancellationToken) =>
        OnServerAsync($"ALTER DATABASE {SqlIdentifiers.Quoted(database)} RENAME TO {SqlIdentifiers.Quoted(name)}", cancellationToken);

    /// <summary>Drops <paramref name="database"/>; unless told to close its connections, PostgreSQL refuses while any is open (<see cref="PostgresErrorCodes.ObjectInUse"/>).</summary>
    public Task DropAsync(string database, bool closeConnections, CancellationToken cancellationToken) =>
        OnServerAsync($"DROP DATABASE IF EXISTS {SqlIdentifiers.Quoted(database)}{(closeConnections ? " WITH (FORCE)" : "")}", cancellationToken);

    /// <summary>Who is connected to <paramref name="database"/>: each client (application and address) with its connections.</summary>
    public async Task<IReadOnlyList<(string Client, int Connections)>> ConnectionsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT concat_ws(' ', nullif(application_name, ''), coalesce(host(client_addr), 'local socket')), count(*)::int
            FROM pg_stat_activity WHERE datname = $1 GROUP BY 1 ORDER BY 2 DESC, 1
            """, connection) { Parameters = { new() { Value = database } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var clients = new List<(string, int)>();
        while (await reader.ReadAsync(cancellationToken)) clients.Add((reader.GetString(0), reader.GetInt32(1)));
        return clients;
    }

    /// <summary>The host's connection string, to another database.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Connection.ConnectionString) { Database = database, Pooling = false }.ConnectionString;

    // Statements about databases run from the server's maintenance database.
    private async Task OnServerAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RunAsync(string program, string database, string[] arguments, CancellationToken cancellationToken)
    {
        var connection = Connection;
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        start.Environment["PGDATABASE"] = database;
        start.Environment["PGAPPNAME"] = connection.ApplicationName;
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        start.Environment["PGOPTIONS"] = $"-c {CompanyRowSecurity.Setting}=*";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}".Trim());
    }
}
