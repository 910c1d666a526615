using Erp.Companies.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Companies.Data;

public sealed class CompaniesDbContext(DbContextOptions<CompaniesDbContext> options)
    : ModuleDbContext<CompaniesDbContext>(options), IModuleDbContext
{
    public static string Schema => "companies";

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<CompanyMember> Members => Set<CompanyMember>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<NumberSeriesCounter> NumberSeries => Set<NumberSeriesCounter>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class CompaniesDbContextFactory : ModuleDbContextFactory<CompaniesDbContext>;
