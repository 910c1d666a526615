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
        Numbers(InvoiceNumbers, "Invoice numbers", "INV-{yyyy}-{#####}"),
        Numbers(CreditNoteNumbers, "Credit note numbers", "CN-{yyyy}-{#####}"),
    ];

    private static SettingDefinition Numbers(string name, string displayName, string pattern) => new(name, displayName)
    {
        DefaultValue = pattern, Pattern = @"^.*\{#+\}.*$", Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
        Description = "{yyyy} the year, {MM} the month, a run of # in braces the number: numbers count per company and year without gaps.",
    };
}
