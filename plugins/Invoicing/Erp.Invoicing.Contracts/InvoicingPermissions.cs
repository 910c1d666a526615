using Erp.Kernel;

namespace Erp.Invoicing;

/// <summary>
/// Invoicing's entities administrators may give fields and workflows of their own (<c>/api/low-code/extensions/{name}</c>):
/// an approval before posting, say, whose read-only state stops a draft's change, deletion and posting.
/// </summary>
public static class InvoicingEntities
{
    public const string Invoice = "invoicing.invoice";
}

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
