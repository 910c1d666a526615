using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.LowCode.Data.Configurations;

internal sealed class EntityDefinitionConfiguration : IEntityTypeConfiguration<EntityDefinition>
{
    private static readonly JsonSerializerOptions Document = new() { Converters = { new JsonStringEnumConverter() } };

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
        // The fields are the definition's own document (jsonb): read and written with it, never queried apart from it. A
        // document, not owned entities, because a lines field holds fields of its own (EF Core's JSON mapping has no
        // recursion); the keys are the properties' names, as EF Core's JSON mapping wrote them.
        entity.Property(e => e.Fields).HasColumnType("jsonb").HasConversion(
            fields => JsonSerializer.Serialize(fields, Document),
            json => JsonSerializer.Deserialize<List<FieldDefinition>>(json, Document) ?? new List<FieldDefinition>(),
            new ValueComparer<List<FieldDefinition>>(
                (a, b) => JsonSerializer.Serialize(a, Document) == JsonSerializer.Serialize(b, Document),
                fields => JsonSerializer.Serialize(fields, Document).GetHashCode(StringComparison.Ordinal),
                fields => JsonSerializer.Deserialize<List<FieldDefinition>>(JsonSerializer.Serialize(fields, Document), Document)!));
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
