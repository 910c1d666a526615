using Erp.Catalog.Data;
using Erp.Catalog.Domain;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Catalog.Application;

/// <summary>
/// Customers and suppliers, one transaction per use case; a number names one partner of its company. Partners carry the
/// fields administrators gave them (<see cref="CatalogEntities.Partner"/>), saved with the partner in its transaction.
/// </summary>
public sealed class PartnerService(CatalogDbContext db, ICurrentCompany company, IExtraFields extraFields) : ICatalogPartners
{
    public async Task<Page<PartnerDto>> ListAsync(PartnerFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Partners.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search);
            query = query.Where(p => EF.Functions.ILike(p.Number, pattern) || EF.Functions.ILike(p.Name, pattern));
        }

        if (filter.CompanyId is { } companyId) query = query.Where(p => p.CompanyId == companyId);
        if (filter.Role == "customer") query = query.Where(p => p.IsCustomer);
        if (filter.Role == "supplier") query = query.Where(p => p.IsSupplier);
        if (filter.Active is { } active) query = query.Where(p => p.Active == active);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(p => p.Name).ThenBy(p => p.Number).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<PartnerDto>(await WithExtraAsync(page, cancellationToken), total, skip, take);
    }

    public async Task<PartnerDto> GetAsync(Guid id, CancellationToken cancellationToken) => (await WithExtraAsync([await FindAsync(id, cancellationToken)], cancellationToken))[0];

    async Task<PartnerDto?> ICatalogPartners.FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is { } partner ? ToDto(partner) : null;

    public async Task<PartnerDto> CreateAsync(SavePartnerRequest request, CancellationToken cancellationToken)
    {
        await extraFields.CheckAsync(CatalogEntities.Partner, request.Extra, creating: true, cancellationToken);
        PartnerRules.NumberMustBeUnique(request.Number, await db.Partners.AnyAsync(p => p.CompanyId == company.Id && p.Number == request.Number, cancellationToken))
            .ThrowIfBroken();
        await CheckPriceListAsync(company.Id, request.DefaultPriceListId, cancellationToken);
        var partner = new Partner(Details(request));
        db.Partners.Add(partner);
        await extraFields.SaveWithExtraAsync(db, CatalogEntities.Partner, partner.Id, request.Extra, cancellationToken);
        return await GetAsync(partner.Id, cancellationToken);
    }

    public async Task<PartnerDto> UpdateAsync(Guid id, SavePartnerRequest request, CancellationToken cancellationToken)
    {
        var partner = await FindAsync(id, cancellationToken);
        db.Entry(partner).Property(p => p.Version).OriginalValue = request.Version;
        await extraFields.CheckWritableAsync(CatalogEntities.Partner, id, cancellationToken);
        await extraFields.CheckAsync(CatalogEntities.Partner, request.Extra, creating: false, cancellationToken);
        var taken = await db.Partners.AnyAsync(p => p.CompanyId == partner.CompanyId && p.Number == request.Number && p.Id != id, cancellationToken);
        PartnerRules.NumberMustBeUnique(request.Number, taken).ThrowIfBroken();
        await CheckPriceListAsync(partner.CompanyId, request.DefaultPriceListId, cancellationToken);
        partner.Change(Details(request));
        await extraFields.SaveWithExtraAsync(db, CatalogEntities.Partner, partner.Id, request.Extra, cancellationToken);
        return await GetAsync(partner.Id, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var partner = await FindAsync(id, cancellationToken);
        await extraFields.CheckWritableAsync(CatalogEntities.Partner, id, cancellationToken);
        PartnerRules.MayNotBeDeletedWhilePriceListsNameIt(partner.Name, await db.PriceLists.AnyAsync(l => l.CustomerId == id, cancellationToken)).ThrowIfBroken();
        db.Partners.Remove(partner);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task CheckPriceListAsync(Guid? companyId, Guid? priceListId, CancellationToken cancellationToken)
    {
        if (priceListId is { } id && !await db.PriceLists.AnyAsync(l => l.Id == id && l.CompanyId == companyId, cancellationToken))
            throw new NotFoundException(CatalogErrors.PriceListNotFound, id);
    }

    private Task<IReadOnlyList<PartnerDto>> WithExtraAsync(IReadOnlyList<Partner> partners, CancellationToken cancellationToken) =>
        extraFields.WithExtraAsync(CatalogEntities.Partner, partners, p => p.Id, (p, extra) => ToDto(p) with { Extra = extra }, cancellationToken);

    private static PartnerDetails Details(SavePartnerRequest r) => new(r.Number, r.Name, r.IsCustomer, r.IsSupplier, r.TaxId, r.Email, r.Phone, r.Currency,
        r.PaymentTermDays, r.CreditLimit, r.Active,
        [.. (r.Addresses ?? []).Select(a => new PartnerAddress(a.Kind, a.Street.Trim(), a.PostalCode.Trim(), a.City.Trim(), a.Country, a.IsDefault))],
        [.. (r.Contacts ?? []).Select(c => new PartnerContact(c.Name.Trim(), c.Email, c.Phone, c.Role))], r.DefaultPriceListId);

    private async Task<Partner> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Partners.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException(CatalogErrors.PartnerNotFound, id);

    private static PartnerDto ToDto(Partner p) => new(p.Id, p.CompanyId, p.Number, p.Name, p.IsCustomer, p.IsSupplier, p.TaxId, p.Email, p.Phone, p.Currency,
        p.PaymentTermDays, p.CreditLimit, p.Active,
        [.. p.Addresses.Select(a => new AddressDto(a.Kind, a.Street, a.PostalCode, a.City, a.Country, a.IsDefault))],
        [.. p.Contacts.Select(c => new ContactDto(c.Name, c.Email, c.Phone, c.Role))], p.DefaultPriceListId, p.Version);
}
