using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Sales;

namespace Erp.Invoicing;

public enum InvoiceKind
{
    Invoice,
    CreditNote,
}

/// <summary>A draft can be changed or deleted; a posted document never: it is corrected by a credit note.</summary>
public enum InvoiceStatus
{
    Draft,
    Posted,
    Paid,
}

/// <summary>Which units of an order an invoice takes: those delivered and not yet invoiced, or all ordered and not yet invoiced.</summary>
public enum InvoiceBasis
{
    Delivered,
    Ordered,
}

/// <param name="Number">From posting on (INV-2026-00001, CN-2026-00001); a draft has none.</param>
/// <param name="Settled">Paid, or offset by credit notes.</param>
/// <param name="Version">Send it back with a change: a stale one is a 409.</param>
/// <param name="Extra">The fields administrators gave invoices (<c>/api/low-code/extensions/invoicing.invoice</c>), by name.</param>
public sealed record InvoiceDto(
    Guid Id, Guid CompanyId, InvoiceKind Kind, string? Number, InvoiceStatus Status, Guid CustomerId, Guid? SalesOrderId, string? SalesOrderNumber,
    Guid? CreditedInvoiceId, string Currency, DateOnly? InvoiceDate, DateOnly? DueDate, bool PricesIncludeTax, string? Note,
    IReadOnlyList<InvoiceLineDto> Lines, IReadOnlyList<TaxAmount> Taxes, decimal NetTotal, decimal TaxTotal, decimal GrossTotal, decimal Settled, decimal Open,
    IReadOnlyList<PaymentDto> Payments, uint Version, JsonObject? Extra = null);

public sealed record InvoiceLineDto(
    Guid Id, int LineNumber, Guid? OrderLineId, Guid ProductId, string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal DiscountPercent,
    decimal TaxRate, decimal NetAmount, decimal TaxAmount, decimal GrossAmount);

/// <param name="OffsetDocumentId">Set when the amount is an offset between an invoice and its credit note (the other one) rather than money received.</param>
public sealed record PaymentDto(Guid Id, DateOnly Date, decimal Amount, string? Reference, Guid? OffsetDocumentId);

/// <param name="Extra">Values of the fields administrators gave invoices, by name.</param>
public sealed record InvoiceSalesOrderRequest(Guid SalesOrderId, InvoiceBasis Basis = InvoiceBasis.Delivered, JsonElement? Extra = null);

/// <summary>What a draft may still change before it is posted.</summary>
/// <param name="InvoiceDate">Left out: the day it is posted. <paramref name="DueDate"/> left out: that plus the customer's payment terms.</param>
/// <param name="Extra">Values of the fields administrators gave invoices, by name; one left out keeps its value.</param>
public sealed record ChangeDraftRequest(DateOnly? InvoiceDate, DateOnly? DueDate, [StringLength(2000)] string? Note, uint Version, JsonElement? Extra = null);

public sealed record PostInvoiceRequest(uint Version);

public sealed record RecordPaymentRequest(
    [Range(typeof(decimal), "0.01", "1000000000")] decimal Amount, DateOnly? Date = null, [StringLength(100)] string? Reference = null);

/// <param name="Lines">Left out: the whole invoice. Else the units of its lines to credit.</param>
public sealed record CreditInvoiceRequest([Required, StringLength(500)] string Reason, [MaxLength(200)] IReadOnlyList<CreditLine>? Lines = null);

public sealed record CreditLine(Guid InvoiceLineId, [Range(typeof(decimal), "0.0001", "1000000000")] decimal Quantity);

public sealed record InvoiceFilter(Guid? CompanyId = null, Guid? CustomerId = null, Guid? SalesOrderId = null, InvoiceStatus? Status = null, InvoiceKind? Kind = null);
