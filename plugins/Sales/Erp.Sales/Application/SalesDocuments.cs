using Erp.Catalog;
using Erp.Kernel.Domain;
using Erp.Printing;

namespace Erp.Sales.Application;

/// <summary>
/// A sales order's printed documents: the quotation (until it is confirmed) or the order confirmation, and a delivery
/// note per delivery; the first mailed to the customer as a PDF, which stays attached to the order.
/// </summary>
internal sealed class SalesDocuments(SalesOrderService orders, ICatalogPartners partners, IDocumentPrinter printer)
{
    public const string OrderTemplate = "Sales.Order";
    public const string DeliveryNoteTemplate = "Sales.DeliveryNote";

    /// <summary>Orders as attachable entities (blob storing): printed documents that were mailed are kept with them.</summary>
    public const string EntityType = "sales-orders";

    public async Task<PrintedDocument> PrintAsync(Guid id, string? language, CancellationToken cancellationToken) =>
        await printer.PrintAsync((await OrderAsync(id, language, cancellationToken)).Request, cancellationToken);

    public async Task<DocumentMailedDto> MailAsync(Guid id, MailDocumentRequest mail, CancellationToken cancellationToken)
    {
        var (request, customer) = await OrderAsync(id, mail.Language, cancellationToken);
        var to = mail.To ?? customer.Email ?? throw new RequestRejectedException(PrintingErrors.NoRecipient, request.FileName);
        return await printer.MailAsync(request, new DocumentMail(to, EntityType, id.ToString()), cancellationToken);
    }

    public async Task<PrintedDocument> PrintDeliveryNoteAsync(Guid id, Guid deliveryId, string? language, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(id, cancellationToken);
        var delivery = order.Deliveries.FirstOrDefault(d => d.Id == deliveryId) ?? throw new NotFoundException(SalesErrors.DeliveryNotFound, deliveryId);
        var customer = DocumentParty.Of(await CustomerAsync(order, cancellationToken), AddressKind.Shipping);
        var model = DeliveryNoteDocument.Of(order, delivery, customer);
        return await printer.PrintAsync(new PrintRequest(DeliveryNoteTemplate, order.CompanyId, $"{delivery.Number}.pdf", model, language), cancellationToken);
    }

    private async Task<(PrintRequest Request, DocumentParty Customer)> OrderAsync(Guid id, string? language, CancellationToken cancellationToken)
    {
        var order = await orders.GetAsync(id, cancellationToken);
        var customer = DocumentParty.Of(await CustomerAsync(order, cancellationToken), AddressKind.Billing);
        var model = SalesOrderDocument.Of(order, customer);
        return (new PrintRequest(OrderTemplate, order.CompanyId, $"{order.Number ?? order.QuotationNumber}.pdf", model, language), customer);
    }

    // The customer of an order the caller can see is visible to them too; deleted partners are soft-deleted, still found.
    private async Task<PartnerDto> CustomerAsync(SalesOrderDto order, CancellationToken cancellationToken) =>
        await partners.FindAsync(order.CustomerId, cancellationToken)
        ?? throw new InvalidOperationException($"The customer {order.CustomerId} of sales order {order.Id} is gone.");
}

/// <summary>What the quotation and order confirmation template reads (in snake case: <c>quotation_number</c>, <c>lines</c>, ...).</summary>
internal sealed record SalesOrderDocument(
    SalesOrderStatus Status, string QuotationNumber, string? Number, DateOnly OrderDate, string Currency, bool PricesIncludeTax, DocumentParty Customer,
    IReadOnlyList<SalesOrderLineDto> Lines, IReadOnlyList<TaxAmount> Taxes, decimal NetTotal, decimal TaxTotal, decimal GrossTotal)
{
    public static SalesOrderDocument Of(SalesOrderDto order, DocumentParty customer) =>
        new(order.Status, order.QuotationNumber, order.Number, order.OrderDate, order.Currency, order.PricesIncludeTax, customer,
            order.Lines, order.Taxes, order.NetTotal, order.TaxTotal, order.GrossTotal);

    public static SalesOrderDocument Sample { get; } = new(SalesOrderStatus.Confirmed, "QU-2026-00042", "SO-2026-00017", new DateOnly(2026, 3, 2), "EUR", false,
        DocumentParty.Sample,
        [
            new(Guid.Empty, 1, Guid.Empty, "Office chair, black", 4, "pcs", 189.00m, 10, "Standard", 19, false, 680.40m, 129.28m, 809.68m, 0, 0),
            new(Guid.Empty, 2, Guid.Empty, "Assembly service", 2.5m, "h", 60.00m, 0, "Standard", 19, false, 150.00m, 28.50m, 178.50m, 0, 0),
        ],
        [new TaxAmount(19, 830.40m, 157.78m)], 830.40m, 157.78m, 988.18m);
}

/// <summary>What the delivery note template reads: the delivery, its order, where it goes, and what it holds (no prices).</summary>
internal sealed record DeliveryNoteDocument(string Number, DateOnly Date, string OrderNumber, DateOnly OrderDate, DocumentParty Customer, IReadOnlyList<DeliveryNoteLine> Lines)
{
    public static DeliveryNoteDocument Of(SalesOrderDto order, DeliveryDto delivery, DocumentParty customer)
    {
        // What left by this delivery and those before it, per order line.
        var soFar = order.Deliveries.Where(d => (d.Date, d.Number).CompareTo((delivery.Date, delivery.Number)) <= 0)
            .SelectMany(d => d.Lines).GroupBy(l => l.OrderLineId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var shipped = delivery.Lines.ToDictionary(l => l.OrderLineId, l => l.Quantity);
        return new(delivery.Number, delivery.Date, order.Number!, order.OrderDate, customer,
            [.. order.Lines.Where(l => shipped.ContainsKey(l.Id)).OrderBy(l => l.LineNumber)
                .Select(l => new DeliveryNoteLine(l.LineNumber, l.Description, shipped[l.Id], l.Unit, l.Quantity, soFar[l.Id]))]);
    }

    public static DeliveryNoteDocument Sample { get; } = new("DN-2026-00009", new DateOnly(2026, 3, 4), "SO-2026-00017", new DateOnly(2026, 3, 2), DocumentParty.Sample,
        [new(1, "Office chair, black", 2, "pcs", 4, 2)]);
}

/// <param name="Ordered">Units on the order line; <paramref name="DeliveredSoFar"/> units delivered by this and earlier deliveries.</param>
internal sealed record DeliveryNoteLine(int LineNumber, string Description, decimal Quantity, string Unit, decimal Ordered, decimal DeliveredSoFar);
