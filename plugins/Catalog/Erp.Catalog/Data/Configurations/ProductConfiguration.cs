using Erp.Catalog.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Catalog.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.Property(p => p.Sku).HasMaxLength(ProductLimits.MaxSku);
        product.Property(p => p.Name).HasMaxLength(ProductLimits.MaxName);
        product.Property(p => p.Description).HasMaxLength(ProductLimits.MaxDescription);
        product.Property(p => p.Unit).HasMaxLength(10);
        product.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        product.Property(p => p.SalesPrice).HasPrecision(19, 4);
        product.Property(p => p.PurchasePrice).HasPrecision(19, 4);
        product.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        product.Property(p => p.TaxCategory).HasMaxLength(20);
        // A SKU names one product of a company; the index also settles two requests racing for one SKU (a 409).
        product.HasIndex(p => new { p.CompanyId, p.Sku }).IsUnique();
        product.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        product.HasIndex(p => new { p.CompanyId, p.Name });
        product.Ignore(p => p.DomainEvents);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.Property(c => c.Name).HasMaxLength(100);
        category.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        category.Ignore(c => c.DomainEvents);
    }
}
