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

    public async Task<ProductPriceDto> PriceAsync(Guid productId, Guid? customerId, decimal quantity, DateOnly day, CancellationToken cancellationToken) =>
        (await PricesAsync(customerId, [new PriceQuery(productId, quantity)], day, cancellationToken))[0];

    public async Task<IReadOnlyList<ProductPriceDto>> PricesAsync(Guid? customerId, IReadOnlyList<PriceQuery> lines, DateOnly day, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return [];
        Guid[] ids = [.. lines.Select(l => l.ProductId).Distinct()];
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id) && (company.Id == null || p.CompanyId == company.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        // One document's lines are one company's: a product of another is not there for this document.
        var companyId = products.Count == 0 ? Guid.Empty : products.Values.First().CompanyId;
        if (ids.FirstOrDefault(id => !products.TryGetValue(id, out var found) || found.CompanyId != companyId) is var missing && missing != Guid.Empty)
            throw new NotFoundException(CatalogErrors.ProductNotFound, missing);

        Partner? customer = null;
        List<PriceList> lists = [];
        if (customerId is { } id)
        {
            customer = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.CompanyId == companyId, cancellationToken)
                ?? throw new NotFoundException(CatalogErrors.PartnerNotFound, id);
            // Only the lists that could apply, with only these products' lines.
            lists = await db.PriceLists.AsNoTracking()
                .Where(l => l.CompanyId == companyId && l.Active && (l.CustomerId == id || l.Id == customer.DefaultPriceListId))
                .Include(l => l.Lines.Where(line => ids.Contains(line.ProductId)))
                .ToListAsync(cancellationToken);
        }

        return [.. lines.Select(l => PriceOf(products[l.ProductId], customer, lists, l.Quantity, day))];
    }

    // The customer's own list valid that day (the newest) with a line for the product, else their default list, else the product's price.
    private static ProductPriceDto PriceOf(Product product, Partner? customer, List<PriceList> lists, decimal quantity, DateOnly day)
    {
        if (customer is not null)
        {
            var own = lists.Where(l => l.CustomerId == customer.Id && l.IsValidOn(day)).OrderByDescending(l => l.ValidFrom)
                .Select(l => (List: l, Price: l.UnitPriceOf(product.Id, quantity))).FirstOrDefault(c => c.Price is not null);
            if (own.Price is { } ownPrice) return new ProductPriceDto(product.Id, ownPrice, own.List.Currency, PriceSource.CustomerPriceList, own.List.Id);
            var byDefault = lists.FirstOrDefault(l => l.Id == customer.DefaultPriceListId && l.IsValidOn(day));
            if (byDefault?.UnitPriceOf(product.Id, quantity) is { } defaultPrice)
                return new ProductPriceDto(product.Id, defaultPrice, byDefault.Currency, PriceSource.DefaultPriceList, byDefault.Id);
        }

        return new ProductPriceDto(product.Id, product.SalesPrice, product.Currency, PriceSource.Product, null);
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
