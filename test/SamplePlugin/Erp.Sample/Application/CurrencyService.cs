using System.Linq.Expressions;
using Erp.Kernel.Domain;
using Erp.Sample.Currencies;
using Erp.Sample.Data;
using Erp.Sample.Domain.Currencies;
using Microsoft.EntityFrameworkCore;

namespace Erp.Sample.Application;

/// <summary>The currency use cases. Failures are exceptions the kernel turns into problem details.</summary>
public sealed class CurrencyService(SampleDbContext db)
{
    public async Task<IReadOnlyList<CurrencyDto>> ListAsync(CancellationToken cancellationToken) =>
        await db.Currencies.AsNoTracking().OrderBy(c => c.Code).Select(AsDto).ToListAsync(cancellationToken);

    public async Task<CurrencyDto> GetAsync(Guid id, CancellationToken cancellationToken) =>
        ToDto(await FindAsync(id, cancellationToken));

    public async Task<CurrencyDto> CreateAsync(CreateCurrencyRequest request, CancellationToken cancellationToken)
    {
        var codeExists = await db.Currencies.IgnoreQueryFilters().AnyAsync(c => c.Code == request.Code, cancellationToken);
        CurrencyRules.CodeMustBeUnique(request.Code, codeExists).ThrowIfBroken();
        var currency = new Currency(request.Code, request.Name, request.DecimalPlaces);
        db.Currencies.Add(currency);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(currency);
    }

    public async Task<CurrencyDto> RenameAsync(Guid id, RenameCurrencyRequest request, CancellationToken cancellationToken)
    {
        var currency = await FindAsync(id, cancellationToken);
        db.Entry(currency).Property(c => c.Version).OriginalValue = request.Version;
        currency.Rename(request.Name);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(currency);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var currency = await FindAsync(id, cancellationToken);
        currency.EnsureCanBeDeleted();
        db.Currencies.Remove(currency);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CurrencyNameChangeDto>> NameHistoryAsync(Guid id, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken);
        return await db.CurrencyNameChanges.AsNoTracking().Where(c => c.CurrencyId == id).OrderBy(c => c.Id)
            .Select(c => new CurrencyNameChangeDto(c.OldName, c.NewName, c.ChangedAt)).ToListAsync(cancellationToken);
    }

    private async Task<Currency> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Currencies.FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException(SampleErrors.CurrencyNotFound, id);

    // An expression, so lists are read column by column into DTOs without materializing entities.
    private static readonly Expression<Func<Currency, CurrencyDto>> AsDto =
        c => new CurrencyDto(c.Id, c.Code, c.Name, c.DecimalPlaces, c.IsBase, c.Version, c.CreatedAt, c.ModifiedAt);

    private static readonly Func<Currency, CurrencyDto> ToDto = AsDto.Compile();
}
