using Erp.Kernel.Jobs;
using Microsoft.Extensions.Logging;

namespace Erp.Backups.Application;

/// <summary>Makes a backup on <c>Backups:Schedule</c>, then applies the retention rules.</summary>
internal sealed class CreateBackup(IBackups backups, ILogger<CreateBackup> logger) : IRecurringJob
{
    public const string Id = "Backups.Create";

    public Task RunAsync(CancellationToken cancellationToken) =>
        backups.CreateAsync(new ProgressLines(step => logger.LogInformation("{Step}", step)), cancellationToken);
}

/// <summary>
/// Restores the newest backup into a scratch database on <c>Backups:CheckSchedule</c> and compares it with its manifest;
/// the result is kept beside the backup, shown by <c>GET /api/backups</c> and measured. A failed check fails the job.
/// </summary>
internal sealed class CheckNewestBackup(IBackups backups, ILogger<CheckNewestBackup> logger) : IRecurringJob
{
    public const string Id = "Backups.Check";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listed = (await backups.ListAsync(cancellationToken)).Backups;
        if (listed is not [var newest, ..])
        {
            logger.LogWarning("No backup to check yet");
            return;
        }

        var check = await backups.CheckAsync(newest.Id, new ProgressLines(step => logger.LogInformation("{Step}", step)), cancellationToken);
        if (!check.Succeeded) throw new InvalidOperationException($"Backup {newest.Id} failed its restore check: {string.Join("; ", check.Problems)}");
    }
}
