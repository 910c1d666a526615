using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Kernel;

namespace Erp.Catalog;

/// <summary>Whether a product's quantity is counted in stock, or it is a service that is only sold.</summary>
public enum ProductKind
{
    Stocked,
    Service,
}

public static class ProductLimits
{
    public const int MaxSku = 40;
    public const int MaxName = 200;
    public const int MaxDescription = 4000;
    public const string SkuPattern = "^[A-Z0-9][A-Z0-9._-]*$";
    public const string UnitPattern = "^[a-z][a-z0-9]{0,9}$";
    public const string MaxPrice = "1000000000";
}

/// <param name="SalesPrice">Per unit, before tax, in <paramref name="Currency"/>.</param>
/// <param name="Version">Send it back with a change: a stale one is a 409.</param>
/// <param name="Extra">The fields administrators gave products (<c>/api/low-code/extensions/catalog.product</c>), by name.</param>
public sealed record ProductDto(
    Guid Id, Guid CompanyId, string Sku, string Name, string? Description, Guid? CategoryId, string Unit, ProductKind Kind, decimal SalesPrice, decimal PurchasePrice,
    string Currency, string TaxCategory, bool Active, uint Version, JsonObject? Extra = null);

/// <param name="Unit">Left out: the company's default unit (setting Catalog.DefaultUnit).</param>
/// <param name="TaxCategory">Left out: the company's default (setting Catalog.DefaultTaxCategory).</param>
/// <param name="Version">On a change, the version read.</param>
/// <param name="Extra">Values of the fields administrators gave products, by name; one left out keeps its value.</param>
public sealed record SaveProductRequest(
    [Required, StringLength(ProductLimits.MaxSku), RegularExpression(ProductLimits.SkuPattern, ErrorMessage = "catalog.validation.sku")] string Sku,
    [Required, StringLength(ProductLimits.MaxName)] string Name,
    [StringLength(ProductLimits.MaxDescription)] string? Description,
    Guid? CategoryId,
    [RegularExpression(ProductLimits.UnitPattern, ErrorMessage = "catalog.validation.unit")] string? Unit,
    ProductKind Kind,
    [Range(typeof(decimal), "0", ProductLimits.MaxPrice)] decimal SalesPrice,
    [Range(typeof(decimal), "0", ProductLimits.MaxPrice)] decimal PurchasePrice,
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string Currency,
    [AllowedValues(null, "standard", "reduced", "zero", "exempt", ErrorMessage = "catalog.validation.tax-category")] string? TaxCategory,
    bool Active = true,
    uint Version = 0,
    JsonElement? Extra = null);

/// <summary>Which products a list shows: all of every company the caller works in, unless narrowed.</summary>
/// <param name="Search">Part of the SKU or the name, any case.</param>
public sealed record ProductFilter(string? Search = null, Guid? CompanyId = null, Guid? CategoryId = null, bool? Active = null);

/// <summary>What other plugins need of a product to use it in a document or a stock move.</summary>
public sealed record ProductSummary(Guid Id, Guid CompanyId, string Sku, string Name, string Unit, ProductKind Kind, string TaxCategory, bool Active);

/// <summary>Products for other plugins (inventory, sales, invoicing), through the catalog's Contracts.</summary>
public interface ICatalogProducts
{
    /// <summary>Those of <paramref name="ids"/> the caller can see, by id; an id missing from the answer is unknown to them.</summary>
    Task<IReadOnlyDictionary<Guid, ProductSummary>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The products of the caller's companies by SKU, a page at a time.</summary>
    Task<Page<ProductDto>> ListAsync(ProductFilter filter, int skip, int take, CancellationToken cancellationToken);
}
