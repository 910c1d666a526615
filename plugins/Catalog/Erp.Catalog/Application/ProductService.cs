using Erp.Catalog.Data;
using Erp.Catalog.Domain;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Microsoft.EntityFrameworkCore;

namespace Erp.Catalog.Application;

/// <summary>
/// The product use cases, one transaction each. The kernel keeps every query to the caller's companies (a list spans
/// them, each product naming its company); a SKU and a category belong to the product's own company. Products carry the
/// fields administrators gave them (<see cref="CatalogEntities.Product"/>), saved with the product in its transaction.
/// </summary>
public sealed class ProductService(CatalogDbContext db, ISettingProvider settings, ICurrentCompany company, IExtraFields extraFields) : ICatalogProducts
{
    public async Task<Page<ProductDto>> ListAsync(ProductFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var (search, companyId, categoryId, active) = filter;
        var query = db.Products.AsNoTracking();
        if (companyId is { } onlyCompany) query = query.Where(p => p.CompanyId == onlyCompany);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search);
            query = query.Where(p => EF.Functions.ILike(p.Sku, pattern) || EF.Functions.ILike(p.Name, pattern));
        }

        if (categoryId is { } category) query = query.Where(p => p.CategoryId == category);
        if (active is { } isActive) query = query.Where(p => p.Active == isActive);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(p => p.Sku).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<ProductDto>(await WithExtraAsync(page, cancellationToken), total, skip, take);
    }

    public async Task<ProductDto> GetAsync(Guid id, CancellationToken cancellationToken) => (await WithExtraAsync([await FindAsync(id, cancellationToken)], cancellationToken))[0];

    public async Task<ProductDto> CreateAsync(SaveProductRequest request, CancellationToken cancellationToken)
    {
        await extraFields.CheckAsync(CatalogEntities.Product, request.Extra, creating: true, cancellationToken);
        var details = await DetailsAsync(company.Id, request, cancellationToken);
        ProductRules.SkuMustBeUnique(request.Sku, await db.Products.AnyAsync(p => p.CompanyId == company.Id && p.Sku == request.Sku, cancellationToken)).ThrowIfBroken();
        var product = new Product(details);
        db.Products.Add(product);
        await extraFields.SaveWithExtraAsync(db, CatalogEntities.Product, product.Id, request.Extra, cancellationToken);
        return await GetAsync(product.Id, cancellationToken);
    }

    public async Task<ProductDto> UpdateAsync(Guid id, SaveProductRequest request, CancellationToken cancellationToken)
    {
        var product = await FindAsync(id, cancellationToken);
        db.Entry(product).Property(p => p.Version).OriginalValue = request.Version;
        await extraFields.CheckWritableAsync(CatalogEntities.Product, id, cancellationToken);
        await extraFields.CheckAsync(CatalogEntities.Product, request.Extra, creating: false, cancellationToken);
        var details = await DetailsAsync(product.CompanyId, request, cancellationToken);
        var taken = await db.Products.AnyAsync(p => p.CompanyId == product.CompanyId && p.Sku == request.Sku && p.Id != id, cancellationToken);
        ProductRules.SkuMustBeUnique(request.Sku, taken).ThrowIfBroken();
        product.Change(details);
        await extraFields.SaveWithExtraAsync(db, CatalogEntities.Product, product.Id, request.Extra, cancellationToken);
        return await GetAsync(product.Id, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var product = await FindAsync(id, cancellationToken);
        await extraFields.CheckWritableAsync(CatalogEntities.Product, id, cancellationToken);
        ProductRules.MayNotBeDeletedWhilePriced(product.Sku, await db.PriceLists.AnyAsync(l => l.Lines.Any(line => line.ProductId == id), cancellationToken)).ThrowIfBroken();
        db.Products.Remove(product);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) => db.Products.AnyAsync(p => p.Id == id, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, ProductSummary>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new ProductSummary(p.Id, p.CompanyId, p.Sku, p.Name, p.Unit, p.Kind, p.TaxCategory, p.Active))
            .ToDictionaryAsync(p => p.Id, cancellationToken);

    // What the request leaves out comes from the company's settings; a category must be one of the company's.
    private async Task<ProductDetails> DetailsAsync(Guid? companyId, SaveProductRequest request, CancellationToken cancellationToken)
    {
        if (request.CategoryId is { } categoryId && !await db.Categories.AnyAsync(c => c.Id == categoryId && c.CompanyId == companyId, cancellationToken))
            throw new NotFoundException(CatalogErrors.CategoryNotFound, categoryId);
        var unit = request.Unit ?? await settings.GetAsync(CatalogSettings.DefaultUnit, cancellationToken) ?? "pcs";
        var taxCategory = request.TaxCategory ?? await settings.GetAsync(CatalogSettings.DefaultTaxCategory, cancellationToken) ?? "standard";
        return new ProductDetails(request.Sku, request.Name, request.Description, request.CategoryId, unit, request.Kind, request.SalesPrice,
            request.PurchasePrice, request.Currency, taxCategory, request.Active);
    }

    private Task<IReadOnlyList<ProductDto>> WithExtraAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken) =>
        extraFields.WithExtraAsync(CatalogEntities.Product, products, p => p.Id, (p, extra) => ToDto(p) with { Extra = extra }, cancellationToken);

    private async Task<Product> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException(CatalogErrors.ProductNotFound, id);

    private static ProductDto ToDto(Product p) => new(p.Id, p.CompanyId, p.Sku, p.Name, p.Description, p.CategoryId, p.Unit, p.Kind, p.SalesPrice, p.PurchasePrice,
        p.Currency, p.TaxCategory, p.Active, p.Version);
}
