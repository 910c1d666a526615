using Erp.Kernel.Jobs;
using Erp.Kernel.Settings;

namespace Erp.AuditLogging.Application;

/// <summary>
/// Daily: creates the coming months' partitions, and drops the months older than <c>AuditLogging.RetentionDays</c>.
/// </summary>
internal sealed class MaintainAuditPartitions(AuditPartitions partitions, ISettingProvider settings, TimeProvider clock) : IRecurringJob
{
    public const string Id = "AuditLogging.MaintainPartitions";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await partitions.EnsureAsync(cancellationToken);
        var days = await settings.GetWholeNumberAsync(AuditLoggingSettings.RetentionDays, cancellationToken)
            ?? throw new InvalidOperationException($"{AuditLoggingSettings.RetentionDays} has no value.");
        await partitions.DropEndedBeforeAsync(clock.GetUtcNow().AddDays(-days), cancellationToken);
    }
}
