using Erp.Backups;
using Erp.Kernel.Domain;
using Erp.Kernel.Data;
using Erp.Kernel.Localization;
using Npgsql;

namespace Erp.Host.Hosting;

/// <summary>
/// <c>Erp.Host backup</c> and <c>Erp.Host restore &lt;id|latest&gt; [--dry-run] [--yes] [--force]</c>, run beside the
/// serving instances (backup) or with them stopped (restore), with the hosts' configuration. Restore asks for the
/// database's name before it replaces anything, unless told <c>--yes</c>, and refuses while anything is connected to the
/// database, unless told <c>--force</c>.
/// </summary>
internal static class BackupCommands
{
    private static readonly ProgressLines Steps = new(Console.WriteLine);

    public static async Task<int> BackupAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<IBackups>().CreateAsync(Steps, CancellationToken.None);
            return 0;
        }
        catch (ServiceUnavailableException)
        {
            Console.Error.WriteLine(NotConfigured(app));
            return 2;
        }
    }

    // The same text the API answers with, in the command's language.
    private static string NotConfigured(WebApplication app) =>
        app.Services.GetRequiredService<CatalogStringLocalizer>().Translate(new LocalizableText(BackupsErrors.NotConfigured));

    public static async Task<int> RestoreAsync(WebApplication app, HostCommand command)
    {
        if (command.Operands is not [var id])
        {
            Console.Error.WriteLine("Usage: Erp.Host restore <backup id|latest> [--dry-run] [--yes] [--force]");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<IBackups>();
        var listed = await backups.ListAsync(CancellationToken.None);
        if (!listed.Configured)
        {
            Console.Error.WriteLine(NotConfigured(app));
            return 2;
        }

        var backup = id == "latest" ? (listed.Backups is [var newest, ..] ? newest : null) : listed.Backups.FirstOrDefault(b => b.Id == id);
        if (backup is null)
        {
            Console.Error.WriteLine($"There is no complete backup '{id}'. Backups: {string.Join(", ", listed.Backups.Select(b => b.Id).DefaultIfEmpty("none"))}");
            return 2;
        }

        var mode = command.Flags.Contains("--dry-run") ? RestoreMode.DryRun
            : command.Flags.Contains("--force") ? RestoreMode.ReplaceClosingConnections
            : RestoreMode.Replace;
        var database = new NpgsqlConnectionStringBuilder(ErpDbContextOptions.ConnectionString(app.Configuration)).Database;
        if (mode != RestoreMode.DryRun && !command.Flags.Contains("--yes"))
        {
            Console.Write($"This replaces database '{database}' and puts back the blobs of backup {backup.Id} ({backup.CreatedAt:u}). "
                + "Stop every instance first. Type the database's name to go on: ");
            if (Console.ReadLine()?.Trim() != database)
            {
                Console.WriteLine("Nothing was changed.");
                return 1;
            }
        }

        var check = await backups.RestoreAsync(backup.Id, mode, Steps, CancellationToken.None);
        foreach (var problem in check.Problems) Console.WriteLine($"  {problem}");
        return check.Succeeded ? 0 : 1;
    }
}
