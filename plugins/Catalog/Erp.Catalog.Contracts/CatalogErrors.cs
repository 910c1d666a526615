namespace Erp.Catalog;

/// <summary>Stable error codes of the catalog; clients branch on these.</summary>
public static class CatalogErrors
{
    public const string ProductNotFound = "catalog.product.not-found";
    public const string SkuTaken = "catalog.product.sku-taken";
    public const string CategoryNotFound = "catalog.category.not-found";
    public const string CategoryNameTaken = "catalog.category.name-taken";
    public const string CategoryCycle = "catalog.category.cycle";
    public const string CategoryNotEmpty = "catalog.category.not-empty";
    public const string PartnerNotFound = "catalog.partner.not-found";
    public const string PartnerNumberTaken = "catalog.partner.number-taken";
    public const string PartnerWithoutRole = "catalog.partner.without-role";
    public const string PartnerDefaultAddresses = "catalog.partner.default-addresses";
    public const string ProductInUse = "catalog.product.in-use";
    public const string PartnerInUse = "catalog.partner.in-use";
    public const string PriceListNotFound = "catalog.price-list.not-found";
    public const string PriceListDates = "catalog.price-list.dates";
    public const string PriceListNotForCustomer = "catalog.price-list.not-for-customer";
    public const string PriceListDuplicateLine = "catalog.price-list.duplicate-line";
}
