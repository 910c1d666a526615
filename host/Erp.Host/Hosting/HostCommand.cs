using Erp.Kernel.Data;
using Erp.Kernel;
using Erp.Kernel.Plugins;
using Npgsql;

namespace Erp.Host.Hosting;

/// <summary>
/// The host's command line: nothing (serve), <c>migrate [--demo-data]</c>, <c>backup</c>, or
/// <c>restore &lt;id|latest&gt; [--dry-run] [--yes] [--force]</c>; the rest is configuration.
/// </summary>
internal sealed record HostCommand(string? Verb, IReadOnlyList<string> Operands, IReadOnlySet<string> Flags, string[] ConfigurationArgs)
{
    public const string Migrate = "migrate";
    public const string Backup = "backup";
    public const string Restore = "restore";
    private static readonly string[] Verbs = [Migrate, Backup, Restore];
    private static readonly string[] KnownFlags = ["--demo-data", "--dry-run", "--yes", "--force"];

    public bool IsMigrate => Verb == Migrate;

    public bool IncludeDemoData => Flags.Contains("--demo-data");

    public static HostCommand Parse(string[] args)
    {
        var verb = args.Length > 0 && Verbs.Contains(args[0]) ? args[0] : null;
        var rest = verb is null ? args : args[1..];
        // Operands come right after the verb; configuration (--Key=value, --Key value) after them.
        var operands = verb is null ? [] : rest.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var tail = rest.Skip(operands.Length).ToArray();
        return new HostCommand(verb, operands, tail.Where(KnownFlags.Contains).ToHashSet(), [.. tail.Where(a => !KnownFlags.Contains(a))]);
    }

    /// <summary>
    /// A command prints its own progress; logs show warnings only. EF Core's command errors are left
    /// out: it logs one for the history table on a new database, and real failures surface as exceptions.
    /// </summary>
    public static void QuietLogging(ConfigurationManager configuration)
    {
        configuration["Serilog:MinimumLevel:Default"] = "Warning";
        configuration["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command"] = "Fatal";
    }

    /// <summary>The migrate command's exit code when it migrated everything but some plugins, which were refused or failed.</summary>
    public const int PluginsNotMigrated = 3;

    /// <summary>
    /// Applies migrations and seeds with progress on stdout. Exit code <see cref="PluginsNotMigrated"/> when plugins failed
    /// on the way (the rest is migrated, and the host would serve it), apart from a failure of the whole (1).
    /// </summary>
    public static async Task<int> MigrateAsync(WebApplication app, bool includeDemoData)
    {
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        var plugins = app.Services.GetRequiredService<PluginRegistry>();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        Console.WriteLine($"Migrating {DescribeDatabase(app.Configuration)}");
        await migrator.MigrateAsync(includeDemoData, Console.WriteLine, cancel.Token);

        var failed = plugins.All.Where(p => p.Status != PluginStatus.Loaded).ToArray();
        foreach (var plugin in failed)
            Console.WriteLine($"Plugin {plugin.Id} {plugin.Status.ToString().ToLowerInvariant()}: {plugin.Reason}");
        Console.WriteLine(failed.Length == 0 ? "Migration complete." : $"Migration complete; {failed.Length} plugin(s) not migrated.");
        return failed.Length == 0 ? 0 : PluginsNotMigrated;
    }

    // Host and database, never the password.
    private static string DescribeDatabase(IConfiguration configuration) =>
        configuration.GetConnectionString(ErpDbContextOptions.ConnectionStringName) is { } value
            ? $"{new NpgsqlConnectionStringBuilder(value) { Password = null }}"
            : "(ConnectionStrings:Erp is not set)";
}
