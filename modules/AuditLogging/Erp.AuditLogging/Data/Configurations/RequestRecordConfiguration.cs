using Erp.AuditLogging.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.AuditLogging.Data.Configurations;

internal sealed class RequestRecordConfiguration : IEntityTypeConfiguration<RequestRecord>
{
    public void Configure(EntityTypeBuilder<RequestRecord> request)
    {
        request.ToTable(AuditTables.Requests, t => t.ExcludeFromMigrations()); // created by the SQL migration, partitioned
        request.HasKey(r => r.Id);
        request.IsNotAudited();
    }
}
