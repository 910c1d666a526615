using Erp.Kernel;

namespace Erp.Sales;

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
