using Erp.Catalog.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options)
    : ModuleDbContext<CatalogDbContext>(options), IModuleDbContext
{
    public static string Schema => "catalog";

    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<PriceList> PriceLists => Set<PriceList>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class CatalogDbContextFactory : ModuleDbContextFactory<CatalogDbContext>;
