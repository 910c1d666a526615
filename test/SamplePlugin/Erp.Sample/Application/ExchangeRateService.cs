using Erp.Kernel.Domain;
using Erp.Sample.Data;
using Erp.Sample.Domain.ExchangeRates;
using Erp.Sample.ExchangeRates;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sample.Application;

/// <summary>
/// A company's exchange rates. Nothing here names a company: the kernel filters every query to the caller's companies
/// and puts new rates in the request's company.
/// </summary>
public sealed class ExchangeRateService(SampleDbContext db)
{
    public async Task<IReadOnlyList<ExchangeRateDto>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.ExchangeRates.AsNoTracking().OrderBy(r => r.Currency).ThenByDescending(r => r.ValidFrom).ToListAsync(cancellationToken)).Select(ToDto)];

    public async Task<ExchangeRateDto> GetAsync(Guid id, CancellationToken cancellationToken) => ToDto(await FindAsync(id, cancellationToken));

    public async Task<ExchangeRateDto> CreateAsync(CreateExchangeRateRequest request, CancellationToken cancellationToken)
    {
        var rate = new ExchangeRate(request.Currency, request.Rate, request.ValidFrom);
        db.ExchangeRates.Add(rate);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(rate);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ExchangeRates.Remove(await FindAsync(id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ExchangeRate> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ExchangeRates.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
        ?? throw new NotFoundException(SampleErrors.ExchangeRateNotFound, id);

    private static ExchangeRateDto ToDto(ExchangeRate r) => new(r.Id, r.CompanyId, r.Currency, r.Rate, r.ValidFrom);
}
