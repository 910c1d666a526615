using Erp.BlobStoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.BlobStoring.Data.Configurations;

internal sealed class BlobConfiguration : IEntityTypeConfiguration<Blob>
{
    public void Configure(EntityTypeBuilder<Blob> blob)
    {
        blob.ToTable("blobs");
        blob.Property(b => b.Container).HasMaxLength(BlobLimits.MaxContainer);
        blob.Property(b => b.StorageKey).HasMaxLength(200);
        blob.Property(b => b.FileName).HasMaxLength(BlobLimits.MaxFileName);
        blob.Property(b => b.ContentType).HasMaxLength(100);
        blob.Property(b => b.Sha256).HasMaxLength(64).IsFixedLength();
        blob.Property(b => b.OwnerType).HasMaxLength(BlobLimits.MaxOwnerType);
        blob.Property(b => b.OwnerId).HasMaxLength(BlobLimits.MaxOwnerId);
        // An entity's attachments, newest first; and whether any blob still names some bytes (before they are deleted).
        blob.HasIndex(b => new { b.OwnerType, b.OwnerId, b.CreatedAt });
        blob.HasIndex(b => new { b.Container, b.StorageKey });
    }
}
