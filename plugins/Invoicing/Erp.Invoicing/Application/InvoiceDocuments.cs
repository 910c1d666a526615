using Erp.Catalog;
using Erp.Kernel.Domain;
using Erp.Printing;
using Erp.Sales;

namespace Erp.Invoicing.Application;

/// <summary>An invoice or credit note printed (a draft as a marked draft) and, once posted, mailed to the customer as a PDF kept with it.</summary>
internal sealed class InvoiceDocuments(InvoiceService invoices, ICatalogPartners partners, IDocumentPrinter printer)
{
    public const string Template = "Invoicing.Invoice";

    /// <summary>Invoices as attachable entities (blob storing): printed documents that were mailed are kept with them.</summary>
    public const string EntityType = "invoices";

    public async Task<PrintedDocument> PrintAsync(Guid id, string? language, CancellationToken cancellationToken) =>
        await printer.PrintAsync((await DocumentAsync(id, language, cancellationToken)).Request, cancellationToken);

    public async Task<DocumentMailedDto> MailAsync(Guid id, MailDocumentRequest mail, CancellationToken cancellationToken)
    {
        var (request, invoice) = await DocumentAsync(id, mail.Language, cancellationToken);
        // A draft may still change: the customer gets what was posted.
        if (invoice.Status == InvoiceStatus.Draft) throw new BusinessRuleException(InvoicingErrors.NotPosted);
        var to = mail.To ?? invoice.Customer.Email ?? throw new RequestRejectedException(PrintingErrors.NoRecipient, request.FileName);
        return await printer.MailAsync(request, new DocumentMail(to, EntityType, id.ToString()), cancellationToken);
    }

    private async Task<(PrintRequest Request, InvoiceDocument Invoice)> DocumentAsync(Guid id, string? language, CancellationToken cancellationToken)
    {
        var invoice = await invoices.GetAsync(id, cancellationToken);
        var customer = await partners.FindAsync(invoice.CustomerId, cancellationToken)
            ?? throw new InvalidOperationException($"The customer {invoice.CustomerId} of invoice {invoice.Id} is gone.");
        var model = InvoiceDocument.Of(invoice, DocumentParty.Of(customer, AddressKind.Billing));
        return (new PrintRequest(Template, invoice.CompanyId, $"{invoice.Number ?? "draft-" + invoice.Id.ToString("N")[..8]}.pdf", model, language), model);
    }
}

/// <summary>What the invoice template reads (in snake case: <c>kind</c>, <c>due_date</c>, <c>lines</c>, ...).</summary>
/// <param name="Settled">Paid, or offset by credit notes; <paramref name="Open"/> what is still owed.</param>
internal sealed record InvoiceDocument(
    InvoiceKind Kind, InvoiceStatus Status, string? Number, DateOnly? InvoiceDate, DateOnly? DueDate, string? SalesOrderNumber, string Currency,
    bool PricesIncludeTax, string? Note, DocumentParty Customer, IReadOnlyList<InvoiceLineDto> Lines, IReadOnlyList<TaxAmount> Taxes, decimal NetTotal,
    decimal TaxTotal, decimal GrossTotal, decimal Settled, decimal Open)
{
    public static InvoiceDocument Of(InvoiceDto invoice, DocumentParty customer) =>
        new(invoice.Kind, invoice.Status, invoice.Number, invoice.InvoiceDate, invoice.DueDate, invoice.SalesOrderNumber, invoice.Currency,
            invoice.PricesIncludeTax, invoice.Note, customer, invoice.Lines, invoice.Taxes, invoice.NetTotal, invoice.TaxTotal, invoice.GrossTotal,
            invoice.Settled, invoice.Open);

    public static InvoiceDocument Sample { get; } = new(InvoiceKind.Invoice, InvoiceStatus.Posted, "INV-2026-00031", new DateOnly(2026, 3, 5),
        new DateOnly(2026, 4, 4), "SO-2026-00017", "EUR", false, "Thank you for your order.", DocumentParty.Sample,
        [
            new(Guid.Empty, 1, null, Guid.Empty, "Office chair, black", 4, "pcs", 189.00m, 10, 19, 680.40m, 129.28m, 809.68m),
            new(Guid.Empty, 2, null, Guid.Empty, "Assembly service", 2.5m, "h", 60.00m, 0, 19, 150.00m, 28.50m, 178.50m),
        ],
        [new TaxAmount(19, 830.40m, 157.78m)], 830.40m, 157.78m, 988.18m, 0, 988.18m);
}
