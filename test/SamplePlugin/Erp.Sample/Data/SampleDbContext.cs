using Erp.Kernel.Data;
using Erp.Sample.Domain.Currencies;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sample.Data;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options)
    : ModuleDbContext<SampleDbContext>(options), IModuleDbContext
{
    public static string Schema => "sample";

    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<CurrencyNameChange> CurrencyNameChanges => Set<CurrencyNameChange>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class SampleDbContextFactory : ModuleDbContextFactory<SampleDbContext>;
