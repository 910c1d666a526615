using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Kernel;

namespace Erp.Sales;

public static class SalesLimits
{
    public const int MaxLines = 200;
    public const int MaxDescription = 500;
    public const string MinQuantity = "0.0001";
    public const string MaxQuantity = "1000000000";
    public const string MaxPrice = "1000000000";
}

/// <summary>Where a sales document stands: a quotation until confirmed; delivered once every line is.</summary>
public enum SalesOrderStatus
{
    Quotation,
    Confirmed,
    Delivered,
    Cancelled,
}

/// <param name="Number">The order's number, from its confirmation on (SO-2026-00001); a quotation has only its quotation number.</param>
/// <param name="Version">Send it back with a change: a stale one is a 409.</param>
/// <param name="Extra">The fields administrators gave sales orders (<c>/api/low-code/extensions/sales.order</c>), by name.</param>
public sealed record SalesOrderDto(
    Guid Id, Guid CompanyId, string QuotationNumber, string? Number, SalesOrderStatus Status, Guid CustomerId, Guid WarehouseId, string Currency,
    DateOnly OrderDate, bool PricesIncludeTax, TaxRounding TaxRounding, IReadOnlyList<SalesOrderLineDto> Lines, IReadOnlyList<TaxAmount> Taxes, decimal NetTotal, decimal TaxTotal,
    decimal GrossTotal, IReadOnlyList<DeliveryDto> Deliveries, DateTimeOffset? ConfirmedAt, uint Version, JsonObject? Extra = null);

/// <param name="Delivered">Units delivered so far; <paramref name="Invoiced"/> units invoiced so far.</param>
public sealed record SalesOrderLineDto(
    Guid Id, int LineNumber, Guid ProductId, string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal DiscountPercent,
    string TaxCategory, decimal TaxRate, bool Stocked, decimal NetAmount, decimal TaxAmount, decimal GrossAmount, decimal Delivered, decimal Invoiced);

public sealed record DeliveryDto(Guid Id, string Number, DateOnly Date, IReadOnlyList<DeliveryLineDto> Lines);

public sealed record DeliveryLineDto(Guid OrderLineId, Guid ProductId, decimal Quantity);

/// <param name="Currency">Left out: the customer's currency.</param>
/// <param name="OrderDate">Left out: today. Prices are those valid on this day.</param>
/// <param name="Version">On a change, the version read.</param>
/// <param name="Extra">Values of the fields administrators gave sales orders, by name; one left out keeps its value.</param>
public sealed record SaveSalesOrderRequest(
    Guid CustomerId,
    Guid WarehouseId,
    [Required, MinLength(1), MaxLength(SalesLimits.MaxLines)] IReadOnlyList<SaveSalesOrderLine> Lines,
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string? Currency = null,
    DateOnly? OrderDate = null,
    uint Version = 0,
    JsonElement? Extra = null);

/// <param name="UnitPrice">Left out: the customer's price on the order date (Catalog's price lists), which must be in the order's currency.</param>
/// <param name="Description">Left out: the product's name.</param>
public sealed record SaveSalesOrderLine(
    Guid ProductId,
    [Range(typeof(decimal), SalesLimits.MinQuantity, SalesLimits.MaxQuantity)] decimal Quantity,
    [Range(typeof(decimal), "0", SalesLimits.MaxPrice)] decimal? UnitPrice = null,
    [Range(typeof(decimal), "0", "100")] decimal DiscountPercent = 0,
    [StringLength(SalesLimits.MaxDescription)] string? Description = null);

/// <summary>Units of the order's lines leaving the warehouse: all that is left, or part of it.</summary>
/// <param name="Date">When they left; left out: today. A delivery entered afterwards names its day; never one to come.</param>
public sealed record DeliverSalesOrderRequest([Required, MinLength(1), MaxLength(SalesLimits.MaxLines)] IReadOnlyList<DeliverLine> Lines, DateOnly? Date = null);

public sealed record DeliverLine(Guid OrderLineId, [Range(typeof(decimal), SalesLimits.MinQuantity, SalesLimits.MaxQuantity)] decimal Quantity);

public sealed record SalesOrderFilter(string? Search = null, Guid? CompanyId = null, Guid? CustomerId = null, SalesOrderStatus? Status = null);

/// <summary>Orders for invoicing, through sales' Contracts; each write joins the caller's unit of work.</summary>
public interface ISalesOrders
{
    Task<SalesOrderDto> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Quotations and orders of the caller's companies, newest first, a page at a time.</summary>
    Task<Page<SalesOrderDto>> ListAsync(SalesOrderFilter filter, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Records units of the order's lines as invoiced (or, negative, credited); 409 beyond what was ordered.</summary>
    Task RecordInvoicedAsync(Guid orderId, IReadOnlyList<(Guid OrderLineId, decimal Quantity)> lines, CancellationToken cancellationToken);
}

/// <param name="Version">The version of the quotation read: confirming one changed since is a 409.</param>
public sealed record ConfirmSalesOrderRequest(uint Version);
