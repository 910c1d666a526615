using Erp.Kernel.Domain;

namespace Erp.Sales.Domain;

/// <summary>
/// A quotation to a customer that, confirmed, becomes a sales order: priced and taxed lines with their totals, computed
/// here and stored; delivered in one or more parts; invoiced by the invoicing plugin. Only a quotation can be edited.
/// </summary>
public sealed class SalesOrder : AuditedAggregateRoot, ICompanyOwned
{
    private SalesOrder() { } // for EF Core

    public SalesOrder(string quotationNumber, SalesOrderDetails details)
    {
        QuotationNumber = quotationNumber;
        Apply(details);
    }

    public Guid CompanyId { get; private set; }
    public string QuotationNumber { get; private set; } = "";
    public string? Number { get; private set; }
    public SalesOrderStatus Status { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public string Currency { get; private set; } = "";
    public DateOnly OrderDate { get; private set; }
    public bool PricesIncludeTax { get; private set; }
    public TaxRounding TaxRounding { get; private set; }
    public decimal NetTotal { get; private set; }
    public decimal TaxTotal { get; private set; }
    public decimal GrossTotal { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public List<SalesOrderLine> Lines { get; private set; } = [];
    public List<Delivery> Deliveries { get; private set; } = [];

    public void Change(SalesOrderDetails details)
    {
        Check(SalesOrderRules.MustBeAQuotation(this));
        Apply(details);
    }

    public void Confirm(string number, DateTimeOffset at)
    {
        Check(SalesOrderRules.MustBeAQuotation(this));
        (Number, Status, ConfirmedAt) = (number, SalesOrderStatus.Confirmed, at);
    }

    /// <summary>Units of lines leaving now under <paramref name="number"/>; never more of a line than is left to deliver.</summary>
    public Delivery Deliver(string number, DateOnly date, IReadOnlyList<(Guid LineId, decimal Quantity)> parts)
    {
        Check(SalesOrderRules.MustBeConfirmed(this));
        var lines = new List<DeliveryLine>();
        foreach (var (lineId, quantity) in parts)
        {
            var line = Lines.Find(l => l.Id == lineId) ?? throw new NotFoundException(SalesErrors.LineNotFound, lineId);
            line.Deliver(quantity);
            lines.Add(new DeliveryLine(line.Id, line.ProductId, quantity));
        }

        var delivery = new Delivery(number, date, lines);
        Deliveries.Add(delivery);
        if (Lines.All(l => l.Delivered == l.Quantity)) Status = SalesOrderStatus.Delivered;
        return delivery;
    }

    public void Cancel()
    {
        Check(SalesOrderRules.MayBeCancelled(this));
        Status = SalesOrderStatus.Cancelled;
    }

    public void RecordInvoiced(Guid lineId, decimal quantity)
    {
        Check(SalesOrderRules.MustBeConfirmedOrDelivered(this));
        (Lines.Find(l => l.Id == lineId) ?? throw new NotFoundException(SalesErrors.LineNotFound, lineId)).RecordInvoiced(quantity);
    }

    private void Apply(SalesOrderDetails details)
    {
        (CustomerId, WarehouseId, Currency, OrderDate, PricesIncludeTax, TaxRounding) =
            (details.CustomerId, details.WarehouseId, details.Currency, details.OrderDate, details.PricesIncludeTax, details.TaxRounding);
        var amounts = DocumentTotals.Compute([.. details.Lines.Select(l => new TaxableLine(l.Quantity, l.UnitPrice, l.DiscountPercent, l.TaxRate))],
            details.PricesIncludeTax, details.TaxRounding);
        // A quotation's lines are replaced as a whole: it is written and sent as one document.
        Lines.Clear();
        Lines.AddRange(details.Lines.Select((l, i) => new SalesOrderLine(i + 1, l, amounts.Lines[i])));
        (NetTotal, TaxTotal, GrossTotal) = (amounts.Net, amounts.Tax, amounts.Gross);
    }

    /// <summary>The taxes per rate, as the totals were computed.</summary>
    public IReadOnlyList<TaxAmount> Taxes() => DocumentTotals.Compute(
        [.. Lines.OrderBy(l => l.LineNumber).Select(l => new TaxableLine(l.Quantity, l.UnitPrice, l.DiscountPercent, l.TaxRate))], PricesIncludeTax, TaxRounding).Taxes;
}

public sealed class SalesOrderLine : Entity<Guid>, ICompanyOwned
{
    private SalesOrderLine() { } // for EF Core

    internal SalesOrderLine(int lineNumber, PricedLine line, LineAmounts amounts)
    {
        Id = Guid.CreateVersion7();
        LineNumber = lineNumber;
        (ProductId, Description, Quantity, Unit, UnitPrice, DiscountPercent, TaxCategory, TaxRate, Stocked) =
            (line.ProductId, line.Description, line.Quantity, line.Unit, line.UnitPrice, line.DiscountPercent, line.TaxCategory, line.TaxRate, line.Stocked);
        (NetAmount, TaxAmount, GrossAmount) = (amounts.Net, amounts.Tax, amounts.Gross);
    }

    public Guid CompanyId { get; private set; }
    public int LineNumber { get; private set; }
    public Guid ProductId { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal UnitPrice { get; private set; }
    public decimal DiscountPercent { get; private set; }
    public string TaxCategory { get; private set; } = "";
    public decimal TaxRate { get; private set; }

    /// <summary>Counted in stock: reserved on confirmation and issued on delivery. A service is delivered without a move.</summary>
    public bool Stocked { get; private set; }

    public decimal NetAmount { get; private set; }
    public decimal TaxAmount { get; private set; }
    public decimal GrossAmount { get; private set; }
    public decimal Delivered { get; private set; }
    public decimal Invoiced { get; private set; }

    internal void Deliver(decimal quantity)
    {
        Check(SalesOrderRules.DeliveryWithinOrdered(this, quantity));
        Delivered += quantity;
    }

    internal void RecordInvoiced(decimal quantity)
    {
        Check(SalesOrderRules.InvoicedWithinOrdered(this, quantity));
        Invoiced += quantity;
    }

    private static void Check(BusinessRule rule) => rule.ThrowIfBroken();
}

/// <summary>A delivery note: units of the order's lines that left the warehouse together.</summary>
public sealed class Delivery : Entity<Guid>, ICompanyOwned
{
    private Delivery() { } // for EF Core

    internal Delivery(string number, DateOnly date, List<DeliveryLine> lines)
    {
        Id = Guid.CreateVersion7();
        (Number, Date, Lines) = (number, date, lines);
    }

    public Guid CompanyId { get; private set; }
    public string Number { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public List<DeliveryLine> Lines { get; private set; } = [];
}

public sealed record DeliveryLine(Guid OrderLineId, Guid ProductId, decimal Quantity);

/// <summary>A line as priced and taxed when the quotation was written: prices and rates do not change with the catalog afterwards.</summary>
public sealed record PricedLine(
    Guid ProductId, string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal DiscountPercent, string TaxCategory, decimal TaxRate, bool Stocked);

public sealed record SalesOrderDetails(
    Guid CustomerId, Guid WarehouseId, string Currency, DateOnly OrderDate, bool PricesIncludeTax, TaxRounding TaxRounding, IReadOnlyList<PricedLine> Lines);

public static class SalesOrderRules
{
    public static BusinessRule MustBeAQuotation(SalesOrder order) =>
        new(SalesErrors.NotAQuotation, order.Status != SalesOrderStatus.Quotation, order.Number ?? order.QuotationNumber);

    public static BusinessRule MustBeConfirmed(SalesOrder order) =>
        new(SalesErrors.NotConfirmed, order.Status != SalesOrderStatus.Confirmed, order.Number ?? order.QuotationNumber);

    public static BusinessRule MustBeConfirmedOrDelivered(SalesOrder order) =>
        new(SalesErrors.NotConfirmed, order.Status is not (SalesOrderStatus.Confirmed or SalesOrderStatus.Delivered), order.Number ?? order.QuotationNumber);

    /// <summary>What has left the warehouse cannot be cancelled: it is invoiced, or returned.</summary>
    public static BusinessRule MayBeCancelled(SalesOrder order) => order.Status switch
    {
        SalesOrderStatus.Quotation => new(SalesErrors.DeliveredCannotCancel, false),
        SalesOrderStatus.Confirmed => new(SalesErrors.DeliveredCannotCancel, order.Lines.Any(l => l.Delivered > 0), order.Number),
        _ => new(SalesErrors.DeliveredCannotCancel, true, order.Number ?? order.QuotationNumber),
    };

    /// <param name="exposure">What the customer owes on open orders already, in the order's currency.</param>
    public static BusinessRule CreditLimitHolds(SalesOrder order, decimal? limit, decimal exposure) =>
        new(SalesErrors.CreditLimitExceeded, limit is { } max && exposure + order.GrossTotal > max, order.QuotationNumber, limit, exposure);

    public static BusinessRule DeliveryWithinOrdered(SalesOrderLine line, decimal quantity) =>
        new(SalesErrors.DeliveryExceedsOrder, line.Delivered + quantity > line.Quantity, line.LineNumber, quantity, line.Quantity - line.Delivered);

    public static BusinessRule InvoicedWithinOrdered(SalesOrderLine line, decimal quantity) =>
        new(SalesErrors.InvoiceExceedsOrder, line.Invoiced + quantity > line.Quantity || line.Invoiced + quantity < 0, line.LineNumber, quantity, line.Quantity - line.Invoiced);
}
