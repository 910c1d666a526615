using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Messaging.Data.Configurations;

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public const string Table = "idempotent_requests";

    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.ToTable(Table);
        request.HasKey(r => new { r.Owner, r.Key });
        request.Property(r => r.Owner).HasMaxLength(300);
        request.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
        request.Property(r => r.ContentType).HasMaxLength(300);
        request.Property(r => r.Location).HasMaxLength(2000);
        request.HasIndex(r => r.CreatedAt); // the purge
        // Plumbing of the HTTP layer, not a business record: the request it answers is audited as itself.
        request.IsNotAudited();
    }
}
