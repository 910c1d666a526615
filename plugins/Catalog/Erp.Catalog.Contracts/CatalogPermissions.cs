using Erp.Kernel;

namespace Erp.Catalog;

public static class CatalogPermissions
{
    public const string Products = "Catalog.Products";
    public const string ManageProducts = Products + ".Manage";
    public const string Partners = "Catalog.Partners";
    public const string ManagePartners = Partners + ".Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Products, "View products and categories"),
        new(ManageProducts, "Manage products and categories", Products),
        new(Partners, "View customers and suppliers"),
        new(ManagePartners, "Manage customers and suppliers", Partners),
    ];
}
