using Erp.Kernel.Data;
using Erp.Sample.Domain.Currencies;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sample.Data;

/// <summary>Seeds the base currency always, and a few more as demo data. Adds only what is missing.</summary>
internal sealed class CurrencySeeder(SampleDbContext db) : IDataSeeder
{
    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        Currency[] wanted = context.IncludeDemoData
            ? [Base(), new("USD", "US dollar", 2), new("GBP", "Pound sterling", 2), new("JPY", "Japanese yen", 0), new("CHF", "Swiss franc", 2)]
            : [Base()];
        var existing = await db.Currencies.IgnoreQueryFilters().Select(c => c.Code).ToListAsync(cancellationToken);
        db.Currencies.AddRange(wanted.Where(c => !existing.Contains(c.Code)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Currency Base() => new("EUR", "Euro", 2, isBase: true);
}
