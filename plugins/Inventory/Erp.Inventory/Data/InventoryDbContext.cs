using Erp.Inventory.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Data;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options)
    : ModuleDbContext<InventoryDbContext>(options), IModuleDbContext
{
    public static string Schema => "inventory";

    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<StockMove> Moves => Set<StockMove>();
    public DbSet<StockBalance> Balances => Set<StockBalance>();
    public DbSet<ProductCost> Costs => Set<ProductCost>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<ReorderLevel> ReorderLevels => Set<ReorderLevel>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class InventoryDbContextFactory : ModuleDbContextFactory<InventoryDbContext>;
