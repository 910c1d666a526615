using System.ComponentModel.DataAnnotations;

namespace Erp.Catalog;

public static class PriceListLimits
{
    public const int MaxName = 100;
    public const int MaxLines = 10_000;
}

/// <summary>From <paramref name="MinQuantity"/> units on, a unit of the product costs <paramref name="UnitPrice"/> (a quantity break).</summary>
public sealed record PriceListLineDto(
    Guid ProductId,
    [Range(typeof(decimal), "0", ProductLimits.MaxPrice)] decimal MinQuantity,
    [Range(typeof(decimal), "0", ProductLimits.MaxPrice)] decimal UnitPrice);

/// <summary>
/// Prices in one currency, valid from a day to a day (either open). A list naming a customer is that customer's own;
/// a partner's default price list applies to them when none of their own is valid.
/// </summary>
public sealed record PriceListDto(
    Guid Id, Guid CompanyId, string Name, string Currency, DateOnly? ValidFrom, DateOnly? ValidTo, Guid? CustomerId, bool Active,
    IReadOnlyList<PriceListLineDto> Lines, uint Version);

public sealed record SavePriceListRequest(
    [Required, StringLength(PriceListLimits.MaxName)] string Name,
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string Currency,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    Guid? CustomerId,
    [MaxLength(PriceListLimits.MaxLines)] IReadOnlyList<PriceListLineDto> Lines,
    bool Active = true,
    uint Version = 0);

/// <summary>Where a price came from, most specific first.</summary>
public enum PriceSource
{
    /// <summary>A price list of the customer's own, valid on the day.</summary>
    CustomerPriceList,

    /// <summary>The customer's default price list.</summary>
    DefaultPriceList,

    /// <summary>The product's own sales price.</summary>
    Product,
}

/// <summary>The unit price of a product for a customer, a quantity and a day, and where it came from.</summary>
public sealed record ProductPriceDto(Guid ProductId, decimal UnitPrice, string Currency, PriceSource Source, Guid? PriceListId);

/// <summary>
/// Prices for selling: what sales and invoicing ask the catalog, through its Contracts. Within a price list the line
/// with the highest minimum quantity not above the quantity wins; a list without a line for the product does not apply.
/// </summary>
public interface IProductPrices
{
    /// <summary>The price in the request's company; 404 for a product or customer the caller cannot see.</summary>
    Task<ProductPriceDto> PriceAsync(Guid productId, Guid? customerId, decimal quantity, DateOnly day, CancellationToken cancellationToken);

    /// <summary>The prices of a document's lines, in their order, read at once (not a query per line); 404 as <see cref="PriceAsync"/>.</summary>
    Task<IReadOnlyList<ProductPriceDto>> PricesAsync(Guid? customerId, IReadOnlyList<PriceQuery> lines, DateOnly day, CancellationToken cancellationToken);
}

/// <summary>A product and quantity to price (the quantity picks the price list line by its minimum quantity).</summary>
public sealed record PriceQuery(Guid ProductId, decimal Quantity);
