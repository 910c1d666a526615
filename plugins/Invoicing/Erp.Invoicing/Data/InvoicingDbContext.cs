using Erp.Invoicing.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Invoicing.Data;

public sealed class InvoicingDbContext(DbContextOptions<InvoicingDbContext> options)
    : ModuleDbContext<InvoicingDbContext>(options), IModuleDbContext
{
    public static string Schema => "invoicing";

    public DbSet<Invoice> Invoices => Set<Invoice>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class InvoicingDbContextFactory : ModuleDbContextFactory<InvoicingDbContext>;
