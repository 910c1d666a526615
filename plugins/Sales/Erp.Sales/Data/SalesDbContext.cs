using Erp.Kernel.Data;
using Erp.Sales.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sales.Data;

public sealed class SalesDbContext(DbContextOptions<SalesDbContext> options)
    : ModuleDbContext<SalesDbContext>(options), IModuleDbContext
{
    public static string Schema => "sales";

    public DbSet<SalesOrder> Orders => Set<SalesOrder>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class SalesDbContextFactory : ModuleDbContextFactory<SalesDbContext>;
