using System.Diagnostics.Metrics;
using Erp.Backups.Domain;
using Microsoft.Extensions.Hosting;

namespace Erp.Backups.Application;

/// <summary>
/// What the backup alerts watch, read from the backup folder when metrics are read: the newest backup's age, the age of
/// the newest successful restore check, and whether the newest check succeeded. No backup yet: no value.
/// </summary>
internal sealed class BackupMetrics(IMeterFactory meters, IBackupTarget target, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create("Erp.Backups");
        meter.CreateObservableGauge("erp.backups.age", () => Age(Read().Select(b => (DateTimeOffset?)b.Manifest.CreatedAt).FirstOrDefault()), "s",
            "Time since the newest complete backup began.");
        meter.CreateObservableGauge("erp.backups.check.age", () => Age(Read().Where(b => b.Check?.Succeeded == true).Select(b => b.Check?.CheckedAt).FirstOrDefault()), "s",
            "Time since a backup last restored and matched its manifest.");
        meter.CreateObservableGauge("erp.backups.check.succeeded", Succeeded, "{check}", "1 when the newest restore check succeeded, 0 when it failed.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<double>> Age(DateTimeOffset? since) =>
        since is { } time ? [new((clock.GetUtcNow() - time).TotalSeconds)] : [];

    private IEnumerable<Measurement<int>> Succeeded() =>
        Read().Select(b => b.Check).FirstOrDefault(c => c is not null) is { } newest ? [new(newest.Succeeded ? 1 : 0)] : [];

    private (DateTimeOffset At, IReadOnlyList<(BackupManifest Manifest, BackupCheck? Check)> Backups)? _read;

    // Read once for the three gauges of a scrape (a bucket's listing takes requests); a target out of reach gives no
    // value rather than a failed scrape.
    private IReadOnlyList<(BackupManifest Manifest, BackupCheck? Check)> Read()
    {
        if (_read is { } recent && clock.GetUtcNow() - recent.At < TimeSpan.FromSeconds(5)) return recent.Backups;
        try
        {
            var backups = target.ListAsync(CancellationToken.None).GetAwaiter().GetResult();
            _read = (clock.GetUtcNow(), backups);
            return backups;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException or System.Net.Http.HttpRequestException)
        {
            return [];
        }
    }
}
