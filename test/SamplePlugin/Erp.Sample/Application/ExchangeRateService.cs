using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Sample.Data;
using Erp.Sample.Domain.ExchangeRates;
using Erp.Sample.ExchangeRates;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sample.Application;

/// <summary>
/// A company's exchange rates. Nothing here names a company: the kernel filters every query to the caller's companies
/// and puts new rates in the request's company. Rates carry the extra fields administrators gave them: read with them,
/// written in the same transaction.
/// </summary>
public sealed class ExchangeRateService(SampleDbContext db, IExtraFields extraFields)
{
    public async Task<IReadOnlyList<ExchangeRateDto>> ListAsync(CancellationToken cancellationToken) =>
        await WithExtraAsync(await db.ExchangeRates.AsNoTracking().OrderBy(r => r.Currency).ThenByDescending(r => r.ValidFrom).ToListAsync(cancellationToken),
            cancellationToken);

    public async Task<ExchangeRateDto> GetAsync(Guid id, CancellationToken cancellationToken) => (await WithExtraAsync([await FindAsync(id, cancellationToken)], cancellationToken))[0];

    public async Task<ExchangeRateDto> CreateAsync(CreateExchangeRateRequest request, CancellationToken cancellationToken)
    {
        await extraFields.CheckAsync(ExchangeRateEntity.Name, request.Extra, creating: true, cancellationToken);
        var rate = new ExchangeRate(request.Currency, request.Rate, request.ValidFrom);
        db.ExchangeRates.Add(rate);
        await extraFields.SaveWithExtraAsync(db, ExchangeRateEntity.Name, rate.Id, request.Extra, cancellationToken);
        return await GetAsync(rate.Id, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var rate = await FindAsync(id, cancellationToken);
        await extraFields.CheckWritableAsync(ExchangeRateEntity.Name, id, cancellationToken); // an approved rate, say, stays
        db.ExchangeRates.Remove(rate);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ExchangeRate> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ExchangeRates.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new NotFoundException(SampleErrors.ExchangeRateNotFound, id);

    private Task<IReadOnlyList<ExchangeRateDto>> WithExtraAsync(IReadOnlyList<ExchangeRate> rates, CancellationToken cancellationToken) =>
        extraFields.WithExtraAsync(ExchangeRateEntity.Name, rates, r => r.Id, (r, extra) => new ExchangeRateDto(r.Id, r.CompanyId, r.Currency, r.Rate, r.ValidFrom, extra), cancellationToken);
}
