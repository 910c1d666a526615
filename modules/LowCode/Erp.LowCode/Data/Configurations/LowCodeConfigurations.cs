using Erp.Kernel.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.LowCode.Data.Configurations;

internal sealed class EntityDefinitionConfiguration : IEntityTypeConfiguration<EntityDefinition>
{
    public void Configure(EntityTypeBuilder<EntityDefinition> entity)
    {
        entity.ToTable("entities");
        entity.Property(e => e.Name).HasMaxLength(63);
        entity.Property(e => e.Label).HasMaxLength(200);
        entity.Property(e => e.PluralLabel).HasMaxLength(200);
        entity.Property(e => e.DisplayField).HasMaxLength(63);
        entity.Property(e => e.Icon).HasMaxLength(100);
        entity.Ignore(e => e.Table);
        entity.HasIndex(e => e.Name).IsUnique();
        // The fields are the definition's own document (jsonb): read and written with it, never queried apart from it.
        entity.OwnsMany(e => e.Fields, fields =>
        {
            fields.ToJson();
            fields.Property(f => f.Type).HasConversion<string>();
            fields.Ignore(f => f.Column);
        });
    }
}

internal sealed class EntityRevisionConfiguration : IEntityTypeConfiguration<EntityRevision>
{
    public void Configure(EntityTypeBuilder<EntityRevision> revision)
    {
        revision.ToTable("revisions");
        revision.Property(r => r.Id).ValueGeneratedNever();
        revision.Property(r => r.Definition).HasColumnType("jsonb");
        revision.HasIndex(r => new { r.EntityId, r.Revision }).IsUnique();
        revision.HasOne<EntityDefinition>().WithMany().HasForeignKey(r => r.EntityId).OnDelete(DeleteBehavior.Cascade);
        revision.IsNotAudited(); // the revision is the history itself
    }
}
