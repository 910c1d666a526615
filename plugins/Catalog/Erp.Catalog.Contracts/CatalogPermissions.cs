using Erp.Kernel;

namespace Erp.Catalog;

public static class CatalogPermissions
{
    public const string Products = "Catalog.Products";
    public const string ManageProducts = Products + ".Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Products, "View products and categories"),
        new(ManageProducts, "Manage products and categories", Products),
    ];
}
