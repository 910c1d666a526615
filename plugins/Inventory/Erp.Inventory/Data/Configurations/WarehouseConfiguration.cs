using Erp.Inventory.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Inventory.Data.Configurations;

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> warehouse)
    {
        warehouse.Property(w => w.Code).HasMaxLength(WarehouseLimits.MaxCode);
        warehouse.Property(w => w.Name).HasMaxLength(WarehouseLimits.MaxName);
        warehouse.HasIndex(w => new { w.CompanyId, w.Code }).IsUnique();
        // A location left out of the list is deleted with the save (one without stock history: WarehouseRules).
        warehouse.HasMany(w => w.Locations).WithOne().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Cascade);
        warehouse.Navigation(w => w.Locations).AutoInclude();
        warehouse.Ignore(w => w.DomainEvents);
        warehouse.Ignore(w => w.DefaultLocation);
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> location)
    {
        location.Property(l => l.Id).ValueGeneratedNever();
        location.Property(l => l.Code).HasMaxLength(WarehouseLimits.MaxCode);
        location.Property(l => l.Name).HasMaxLength(WarehouseLimits.MaxName);
        location.HasIndex(l => new { l.WarehouseId, l.Code }).IsUnique();
    }
}

internal sealed class ReorderLevelConfiguration : IEntityTypeConfiguration<ReorderLevel>
{
    public void Configure(EntityTypeBuilder<ReorderLevel> level)
    {
        level.HasKey(l => new { l.WarehouseId, l.ProductId });
        level.Property(l => l.Minimum).HasPrecision(19, 4);
        level.HasOne<Warehouse>().WithMany().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Cascade);
    }
}
