using Erp.Kernel;

namespace Erp.Invoicing;

public static class InvoicingPermissions
{
    public const string Invoices = "Invoicing.Invoices";
    public const string ManageInvoices = Invoices + ".Manage";
    public const string Payments = Invoices + ".Payments";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Invoices, "View invoices, credit notes and payments"),
        new(ManageInvoices, "Invoice orders, post invoices and issue credit notes", Invoices),
        new(Payments, "Record payments", Invoices),
    ];
}
