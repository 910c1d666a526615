using Erp.Kernel;

namespace Erp.Sales;

/// <summary>
/// Sales' entities administrators may give fields and workflows of their own (<c>/api/low-code/extensions/{name}</c>): an
/// approval or a hold on an order, say, whose read-only state stops its change, confirmation, delivery and cancellation.
/// </summary>
public static class SalesEntities
{
    public const string Order = "sales.order";
}

public static class SalesPermissions
{
    public const string Orders = "Sales.Orders";
    public const string ManageOrders = Orders + ".Manage";
    public const string Deliver = Orders + ".Deliver";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Orders, "View quotations and sales orders"),
        new(ManageOrders, "Write quotations, confirm and cancel sales orders", Orders),
        new(Deliver, "Deliver sales orders", Orders),
    ];
}
