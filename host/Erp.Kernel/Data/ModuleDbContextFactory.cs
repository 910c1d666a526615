using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Erp.Kernel.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a module's context without starting the host. Each module
/// declares <c>internal sealed class XDbContextFactory : ModuleDbContextFactory&lt;XDbContext&gt;;</c>.
/// Generating a migration needs no database; applying one uses <c>ERP_DESIGN_CONNECTION</c>.
/// </summary>
public abstract class ModuleDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext, IModuleDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        ErpDbContextOptions.Configure<TContext>(options, Environment.GetEnvironmentVariable("ERP_DESIGN_CONNECTION") ?? "Host=127.0.0.1");
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
