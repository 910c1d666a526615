using Erp.Kernel;

namespace Erp.Invoicing;

/// <summary>How invoices and credit notes are numbered, per company: gap-free per year, drawn when a document is posted.</summary>
public static class InvoicingSettings
{
    public const string Group = "Invoicing";
    public const string InvoiceNumbers = "Invoicing.InvoiceNumbers";
    public const string CreditNoteNumbers = "Invoicing.CreditNoteNumbers";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        DocumentNumberSettings.Pattern(InvoiceNumbers, "Invoice numbers", "INV-{yyyy}-{#####}", Group),
        DocumentNumberSettings.Pattern(CreditNoteNumbers, "Credit note numbers", "CN-{yyyy}-{#####}", Group),
    ];
}
