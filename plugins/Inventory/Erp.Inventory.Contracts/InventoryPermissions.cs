using Erp.Kernel;

namespace Erp.Inventory;

public static class InventoryPermissions
{
    public const string Stock = "Inventory.Stock";
    public const string MoveStock = Stock + ".Move";
    public const string ManageWarehouses = "Inventory.Warehouses.Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Stock, "View warehouses, stock and its moves"),
        new(MoveStock, "Receive, issue, transfer, adjust and reserve stock", Stock),
        new(ManageWarehouses, "Manage warehouses, locations and reorder levels", Stock),
    ];
}
