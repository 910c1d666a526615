namespace Erp.Invoicing;

/// <summary>Stable error codes of invoicing; clients branch on these.</summary>
public static class InvoicingErrors
{
    public const string InvoiceNotFound = "invoicing.invoice.not-found";
    public const string NothingToInvoice = "invoicing.invoice.nothing-to-invoice";
    public const string NotADraft = "invoicing.invoice.not-draft";
    public const string NotPosted = "invoicing.invoice.not-posted";
    public const string Overpayment = "invoicing.payment.exceeds-open";
    public const string CreditExceedsInvoice = "invoicing.credit.exceeds-invoice";
    public const string CreditOfCredit = "invoicing.credit.of-credit-note";
    public const string LineNotFound = "invoicing.invoice.line-not-found";
    public const string DueBeforeDate = "invoicing.invoice.due-before-date";
}
