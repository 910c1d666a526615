using Erp.Companies.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Erp.Companies.Data;

/// <summary>
/// An installation starts with one company (<c>Companies:Initial:*</c>: name, currency, time zone), so company-owned data
/// has a home from the first sign-in; administrators work in every company.
/// </summary>
internal sealed class CompanySeeder(CompaniesDbContext db, IConfiguration configuration) : IDataSeeder
{
    public async Task SeedAsync(SeedContext context, CancellationToken cancellationToken)
    {
        if (await db.Companies.AnyAsync(cancellationToken)) return;
        var name = configuration["Companies:Initial:Name"] ?? (context.IncludeDemoData ? "Demo company" : "Main company");
        db.Companies.Add(new Company(new CompanyDetails(name, name, null, null, null, null, null,
            configuration["Companies:Initial:BaseCurrency"] ?? "EUR", configuration["Companies:Initial:TimeZone"] ?? "Etc/UTC", 1)));
        await db.SaveChangesAsync(cancellationToken);
        context.Report($"Created company '{name}'");
    }
}
