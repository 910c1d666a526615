using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Erp.Testing;

/// <summary>
/// The PostgreSQL server tests run against: the one named by <c>ERP_TEST_POSTGRES</c> (a connection string
/// to the server, any database), else a throwaway cluster this process starts from the machine's binaries
/// (through <c>etc/local/postgres.sh</c>) and stops when it exits.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string to the server's maintenance database.</summary>
    public static string ConnectionString => Server.Value;

    /// <summary>A connection string to <paramref name="database"/> with a password set: production start-up checks
    /// want one, and the test server's trust authentication ignores it.</summary>
    public static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, Password = "test-only-not-a-secret", Pooling = true }.ToString();

    public static async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(For(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(For(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("ERP_TEST_POSTGRES") is { Length: > 0 } given) return given;

        var directory = NewClusterDirectory();
        var port = FreePort();
        StartCluster(directory, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveCluster(directory);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>A temp directory for a cluster of a test's own (one it stops and starts, say).</summary>
    public static string NewClusterDirectory() =>
        Path.Combine(Path.GetTempPath(), $"erp-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);

    /// <summary>Starts (or restarts) a throwaway cluster in <paramref name="directory"/> on <paramref name="port"/>.</summary>
    public static void StartCluster(string directory, int port) =>
        Script("start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fast");

    /// <summary>
    /// Starts (or restarts) in <paramref name="directory"/> on <paramref name="port"/> a hot standby streaming from the
    /// cluster on <paramref name="primaryPort"/>: reads only, a moment behind.
    /// </summary>
    public static void StartStandby(string directory, int port, int primaryPort) =>
        Script("standby", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            primaryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fast");

    public static void StopCluster(string directory) => Script("stop", directory);

    public static void RemoveCluster(string directory)
    {
        StopCluster(directory);
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void Script(params string[] args) => LocalScript.Run("postgres.sh", new Dictionary<string, string>(), args);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> HandedOut = new();

    /// <summary>
    /// A free loopback port, never one handed out before in this process: the kernel gives a port back as soon as the probe
    /// closes, so two callers that both ask before either listens (a primary and its standby) could be given the same one.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0)) return port;
        }
    }
}

/// <summary>Runs one of the repository's <c>etc/local</c> scripts, which start and stop the servers tests need.</summary>
internal static class LocalScript
{
    public static void Run(string script, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "etc", "local", script), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"etc/local/{script} {string.Join(' ', args)} failed: {error.Result}");
    }
}

/// <summary>The repository's root, found from the test binaries upwards.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Erp.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Erp.sln not found above " + AppContext.BaseDirectory);
    }
}
