using Erp.Kernel.Data;
using Erp.Printing.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Printing.Data;

public sealed class PrintingDbContext(DbContextOptions<PrintingDbContext> options)
    : ModuleDbContext<PrintingDbContext>(options), IModuleDbContext
{
    public static string Schema => "printing";

    public DbSet<PrintTemplateOverride> TemplateOverrides => Set<PrintTemplateOverride>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class PrintingDbContextFactory : ModuleDbContextFactory<PrintingDbContext>;
