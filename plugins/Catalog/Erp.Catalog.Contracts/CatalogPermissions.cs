using Erp.Kernel;

namespace Erp.Catalog;

/// <summary>
/// The catalog's entities administrators may give fields and workflows of their own (<c>/api/low-code/extensions/{name}</c>);
/// low-code reference fields name them too.
/// </summary>
public static class CatalogEntities
{
    public const string Product = "catalog.product";
    public const string Partner = "catalog.partner";
}

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
