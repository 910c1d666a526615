using Erp.Companies.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Companies.Application;

internal sealed class CompanyDirectory(CompaniesDbContext db) : ICompanyDirectory
{
    // Ids are version 7 GUIDs: in creation order.
    public async Task<IReadOnlyList<CompanyRef>> AllAsync(CancellationToken cancellationToken) =>
        await db.Companies.AsNoTracking().OrderBy(c => c.Id).Select(c => new CompanyRef(c.Id, c.Name, c.BaseCurrency)).ToListAsync(cancellationToken);

    public async Task<CompanyDto?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } company ? CompanyService.ToDto(company) : null;
}
