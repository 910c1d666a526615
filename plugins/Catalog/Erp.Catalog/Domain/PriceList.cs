using Erp.Kernel.Domain;

namespace Erp.Catalog.Domain;

/// <summary>A company's prices in one currency for a time, for everyone it is the default of or for one customer.</summary>
public sealed class PriceList : AuditedAggregateRoot, ICompanyOwned
{
    private PriceList() { } // for EF Core

    public PriceList(PriceListDetails details) => Apply(details);

    public Guid CompanyId { get; private set; }
    public string Name { get; private set; } = "";
    public string Currency { get; private set; } = "";
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }
    public Guid? CustomerId { get; private set; }
    public bool Active { get; private set; }
    public List<PriceListLine> Lines { get; private set; } = [];

    public bool IsValidOn(DateOnly day) => Active && (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    /// <summary>The unit price of a quantity of the product: the line with the highest minimum quantity not above it, if any.</summary>
    public decimal? UnitPriceOf(Guid productId, decimal quantity) =>
        Lines.Where(l => l.ProductId == productId && l.MinQuantity <= quantity).MaxBy(l => l.MinQuantity)?.UnitPrice;

    public void Change(PriceListDetails details) => Apply(details);

    private void Apply(PriceListDetails details)
    {
        Check(PriceListRules.ValidToMayNotPrecedeValidFrom(details.ValidFrom, details.ValidTo));
        Check(PriceListRules.OneLinePerProductAndQuantity(details.Lines));
        (Name, Currency, ValidFrom, ValidTo, CustomerId, Active) =
            (details.Name.Trim(), details.Currency, details.ValidFrom, details.ValidTo, details.CustomerId, details.Active);
        // The lines are replaced as a whole: a price list is edited and saved as one document.
        Lines.Clear();
        Lines.AddRange(details.Lines.Select(l => new PriceListLine(l.ProductId, l.MinQuantity, l.UnitPrice)));
    }
}

/// <summary>A price of one product in a list from a quantity on. Company-owned like its list, so row-level security covers it.</summary>
public sealed class PriceListLine : Entity<Guid>, ICompanyOwned
{
    private PriceListLine() { } // for EF Core

    public PriceListLine(Guid productId, decimal minQuantity, decimal unitPrice) =>
        (Id, ProductId, MinQuantity, UnitPrice) = (Guid.CreateVersion7(), productId, minQuantity, unitPrice);

    public Guid CompanyId { get; private set; }
    public Guid PriceListId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal MinQuantity { get; private set; }
    public decimal UnitPrice { get; private set; }
}

public sealed record PriceListDetails(
    string Name, string Currency, DateOnly? ValidFrom, DateOnly? ValidTo, Guid? CustomerId, bool Active, IReadOnlyList<PriceListLineDto> Lines);

public static class PriceListRules
{
    public static BusinessRule ValidToMayNotPrecedeValidFrom(DateOnly? from, DateOnly? to) => new(CatalogErrors.PriceListDates, from > to, from, to);

    public static BusinessRule OneLinePerProductAndQuantity(IReadOnlyList<PriceListLineDto> lines)
    {
        var duplicate = lines.GroupBy(l => (l.ProductId, l.MinQuantity)).FirstOrDefault(g => g.Count() > 1)?.Key;
        return new(CatalogErrors.PriceListDuplicateLine, duplicate is not null, duplicate?.ProductId, duplicate?.MinQuantity);
    }

    public static BusinessRule CustomerListsAreForCustomers(string name, bool isCustomer) => new(CatalogErrors.PriceListNotForCustomer, !isCustomer, name);
}
