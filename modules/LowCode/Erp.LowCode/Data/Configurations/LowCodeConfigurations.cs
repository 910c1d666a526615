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
        // The fields and the record rules are the definition's own documents (jsonb): read and written with it, never
        // queried apart from it. Documents, not owned entities, because a lines field holds fields of its own (EF Core's
        // JSON mapping has no recursion), as a rule's filter holds filters; the keys are the properties' names, as EF
        // Core's JSON mapping wrote them.
        AsDocument(entity.Property(e => e.Fields));
        AsDocument(entity.Property(e => e.RecordRules)).HasDefaultValueSql("'[]'::jsonb");
    }

    private static PropertyBuilder<List<T>> AsDocument<T>(PropertyBuilder<List<T>> property) => property.HasColumnType("jsonb").HasConversion(
        items => JsonSerializer.Serialize(items, Document),
        json => JsonSerializer.Deserialize<List<T>>(json, Document) ?? new List<T>(),
        new ValueComparer<List<T>>(
            (a, b) => JsonSerializer.Serialize(a, Document) == JsonSerializer.Serialize(b, Document),
            items => JsonSerializer.Serialize(items, Document).GetHashCode(StringComparison.Ordinal),
            items => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(items, Document), Document)!));
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
