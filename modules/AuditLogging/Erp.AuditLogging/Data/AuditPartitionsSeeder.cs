using Erp.AuditLogging.Application;
using Erp.Kernel.Data;

namespace Erp.AuditLogging.Data;

/// <summary>A migrated database has this month's and the coming months' partitions before any host writes a record.</summary>
internal sealed class AuditPartitionsSeeder(AuditPartitions partitions) : IDataSeeder
{
    public Task SeedAsync(SeedContext context, CancellationToken cancellationToken) => partitions.EnsureAsync(cancellationToken);
}
