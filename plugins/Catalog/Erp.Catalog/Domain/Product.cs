using Erp.Kernel.Domain;

namespace Erp.Catalog.Domain;

/// <summary>
/// Something a company sells or buys: counted in stock, or a service. Its SKU names it within the company; prices are per
/// unit, before tax, in one currency.
/// </summary>
public sealed class Product : AuditedAggregateRoot, ICompanyOwned
{
    private Product() { } // for EF Core

    public Product(ProductDetails details) => Apply(details);

    public Guid CompanyId { get; private set; }
    public string Sku { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid? CategoryId { get; private set; }
    public string Unit { get; private set; } = "";
    public ProductKind Kind { get; private set; }
    public decimal SalesPrice { get; private set; }
    public decimal PurchasePrice { get; private set; }
    public string Currency { get; private set; } = "";
    public string TaxCategory { get; private set; } = "";
    public bool Active { get; private set; }

    public void Change(ProductDetails details) => Apply(details);

    private void Apply(ProductDetails details)
    {
        Sku = details.Sku;
        Name = details.Name.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        CategoryId = details.CategoryId;
        Unit = details.Unit;
        Kind = details.Kind;
        SalesPrice = details.SalesPrice;
        PurchasePrice = details.PurchasePrice;
        Currency = details.Currency;
        TaxCategory = details.TaxCategory;
        Active = details.Active;
    }
}

/// <summary>Everything a product is described by, checked by the request's validation and the service's rules.</summary>
public sealed record ProductDetails(
    string Sku, string Name, string? Description, Guid? CategoryId, string Unit, ProductKind Kind, decimal SalesPrice, decimal PurchasePrice,
    string Currency, string TaxCategory, bool Active);

public static class ProductRules
{
    public static BusinessRule SkuMustBeUnique(string sku, bool taken) => new(CatalogErrors.SkuTaken, taken, sku);

    /// <summary>A product with prices in a list stays; deactivate it instead.</summary>
    public static BusinessRule MayNotBeDeletedWhilePriced(string sku, bool priced) => new(CatalogErrors.ProductInUse, priced, sku);
}
