using Erp.Catalog.Data;
using Erp.Catalog.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Catalog.Application;

/// <summary>
/// Price lists, each saved whole with its lines, and the price a customer pays (<see cref="IProductPrices"/>). Products
/// and customers a list names are the list's own company's.
/// </summary>
public sealed class PriceListService(CatalogDbContext db, ICurrentCompany company) : IProductPrices
{
    public async Task<IReadOnlyList<PriceListDto>> ListAsync(Guid? companyId, Guid? customerId, CancellationToken cancellationToken)
    {
        var query = db.PriceLists.AsNoTracking().Include(l => l.Lines).AsSplitQuery();
        if (companyId is { } onlyCompany) query = query.Where(l => l.CompanyId == onlyCompany);
        if (customerId is { } customer) query = query.Where(l => l.CustomerId == customer);
        return [.. (await query.OrderBy(l => l.Name).ToListAsync(cancellationToken)).Select(ToDto)];
    }

    public async Task<PriceListDto> GetAsync(Guid id, CancellationToken cancellationToken) => ToDto(await FindAsync(id, cancellationToken));

    public async Task<PriceListDto> CreateAsync(SavePriceListRequest request, CancellationToken cancellationToken)
    {
        await CheckReferencesAsync(company.Id, request, cancellationToken);
        var list = new PriceList(Details(request));
        db.PriceLists.Add(list);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(list);
    }

    public async Task<PriceListDto> UpdateAsync(Guid id, SavePriceListRequest request, CancellationToken cancellationToken)
    {
        var list = await FindAsync(id, cancellationToken);
        db.Entry(list).Property(l => l.Version).OriginalValue = request.Version;
        await CheckReferencesAsync(list.CompanyId, request, cancellationToken);
        list.Change(Details(request));
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(list);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        db.PriceLists.Remove(await FindAsync(id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ProductPriceDto> PriceAsync(Guid productId, Guid? customerId, decimal quantity, DateOnly day, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId && (company.Id == null || p.CompanyId == company.Id), cancellationToken)
            ?? throw new NotFoundException(CatalogErrors.ProductNotFound, productId);
        if (customerId is { } id)
        {
            var customer = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.CompanyId == product.CompanyId, cancellationToken)
                ?? throw new NotFoundException(CatalogErrors.PartnerNotFound, id);
            // Only the lists that could apply, with only this product's lines.
            var lists = await db.PriceLists.AsNoTracking()
                .Where(l => l.CompanyId == product.CompanyId && l.Active && (l.CustomerId == id || l.Id == customer.DefaultPriceListId))
                .Include(l => l.Lines.Where(line => line.ProductId == productId))
                .ToListAsync(cancellationToken);
            var own = lists.Where(l => l.CustomerId == id && l.IsValidOn(day)).OrderByDescending(l => l.ValidFrom)
                .Select(l => (List: l, Price: l.UnitPriceOf(productId, quantity))).FirstOrDefault(c => c.Price is not null);
            if (own.Price is { } ownPrice) return new ProductPriceDto(productId, ownPrice, own.List.Currency, PriceSource.CustomerPriceList, own.List.Id);
            var byDefault = lists.FirstOrDefault(l => l.Id == customer.DefaultPriceListId && l.IsValidOn(day));
            if (byDefault?.UnitPriceOf(productId, quantity) is { } defaultPrice)
                return new ProductPriceDto(productId, defaultPrice, byDefault.Currency, PriceSource.DefaultPriceList, byDefault.Id);
        }

        return new ProductPriceDto(productId, product.SalesPrice, product.Currency, PriceSource.Product, null);
    }

    private async Task CheckReferencesAsync(Guid? companyId, SavePriceListRequest request, CancellationToken cancellationToken)
    {
        if (request.CustomerId is { } customerId)
        {
            var customer = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == customerId && p.CompanyId == companyId, cancellationToken)
                ?? throw new NotFoundException(CatalogErrors.PartnerNotFound, customerId);
            PriceListRules.CustomerListsAreForCustomers(customer.Name, customer.IsCustomer).ThrowIfBroken();
        }

        var products = request.Lines.Select(l => l.ProductId).Distinct().ToArray();
        var known = await db.Products.Where(p => p.CompanyId == companyId && products.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (products.Except(known).FirstOrDefault() is var unknown && unknown != Guid.Empty)
            throw new NotFoundException(CatalogErrors.ProductNotFound, unknown);
    }

    private static PriceListDetails Details(SavePriceListRequest r) => new(r.Name, r.Currency, r.ValidFrom, r.ValidTo, r.CustomerId, r.Active, r.Lines);

    private async Task<PriceList> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.PriceLists.Include(l => l.Lines).FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
        ?? throw new NotFoundException(CatalogErrors.PriceListNotFound, id);

    private static PriceListDto ToDto(PriceList l) => new(l.Id, l.CompanyId, l.Name, l.Currency, l.ValidFrom, l.ValidTo, l.CustomerId, l.Active,
        [.. l.Lines.OrderBy(x => x.ProductId).ThenBy(x => x.MinQuantity).Select(x => new PriceListLineDto(x.ProductId, x.MinQuantity, x.UnitPrice))], l.Version);
}
