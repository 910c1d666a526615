using Acme.Plugin.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Acme.Plugin.Data.Configurations;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> item)
    {
        item.Property(i => i.Code).HasMaxLength(32);
        item.Property(i => i.Name).HasMaxLength(200);
        // A code names one item of a company; the index also answers the uniqueness check under concurrency.
        item.HasIndex(i => new { i.CompanyId, i.Code }).IsUnique();
        item.Ignore(i => i.DomainEvents);
    }
}
