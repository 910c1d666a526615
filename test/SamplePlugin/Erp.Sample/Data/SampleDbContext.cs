using Erp.Kernel.Data;
using Erp.Sample.Domain.Currencies;
using Erp.Sample.Domain.ExchangeRates;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sample.Data;

public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options)
    : ModuleDbContext<SampleDbContext>(options), IModuleDbContext
{
    public static string Schema => "sample";

    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<CurrencyNameChange> CurrencyNameChanges => Set<CurrencyNameChange>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class SampleDbContextFactory : ModuleDbContextFactory<SampleDbContext>;
