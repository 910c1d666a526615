using Erp.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Catalog.Data.Configurations;

internal sealed class PriceListConfiguration : IEntityTypeConfiguration<PriceList>
{
    public void Configure(EntityTypeBuilder<PriceList> list)
    {
        list.Property(l => l.Name).HasMaxLength(PriceListLimits.MaxName);
        list.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        list.HasOne<Partner>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        list.HasMany(l => l.Lines).WithOne().HasForeignKey(l => l.PriceListId).OnDelete(DeleteBehavior.Cascade);
        list.Ignore(l => l.DomainEvents);
    }
}

internal sealed class PriceListLineConfiguration : IEntityTypeConfiguration<PriceListLine>
{
    public void Configure(EntityTypeBuilder<PriceListLine> line)
    {
        line.Property(l => l.MinQuantity).HasPrecision(19, 4);
        line.Property(l => l.UnitPrice).HasPrecision(19, 4);
        line.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        // The lookup a price takes: this product in these lists.
        line.HasIndex(l => new { l.ProductId, l.PriceListId });
        line.HasIndex(l => new { l.PriceListId, l.ProductId, l.MinQuantity }).IsUnique();
    }
}
