using Erp.Kernel.Domain;
using Erp.Sales;

namespace Erp.Invoicing.Domain;

/// <summary>
/// An invoice or a credit note: lines priced and taxed as the order was, totals computed here and stored. A draft is
/// numbered when posted, and from then on never changes: a mistake is corrected by a credit note, and money received is
/// recorded as payments until the document is settled.
/// </summary>
public sealed class Invoice : AuditedAggregateRoot, ICompanyOwned
{
    private Invoice() { } // for EF Core

    private Invoice(InvoiceKind kind, InvoiceHeader header, IReadOnlyList<InvoicedLine> lines)
    {
        Kind = kind;
        (CustomerId, SalesOrderId, SalesOrderNumber, Currency, PricesIncludeTax, TaxRounding, PaymentTermDays) =
            (header.CustomerId, header.SalesOrderId, header.SalesOrderNumber, header.Currency, header.PricesIncludeTax, header.TaxRounding, header.PaymentTermDays);
        var amounts = DocumentTotals.Compute([.. lines.Select(l => new TaxableLine(l.Quantity, l.UnitPrice, l.DiscountPercent, l.TaxRate))], PricesIncludeTax, TaxRounding);
        Lines.AddRange(lines.Select((l, i) => new InvoiceLine(i + 1, l, amounts.Lines[i])));
        (NetTotal, TaxTotal, GrossTotal) = (amounts.Net, amounts.Tax, amounts.Gross);
    }

    public Guid CompanyId { get; private set; }
    public InvoiceKind Kind { get; private set; }
    public string? Number { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid? SalesOrderId { get; private set; }
    public string? SalesOrderNumber { get; private set; }
    public Guid? CreditedInvoiceId { get; private set; }
    public string Currency { get; private set; } = "";
    public DateOnly? InvoiceDate { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public int PaymentTermDays { get; private set; }
    public bool PricesIncludeTax { get; private set; }
    public TaxRounding TaxRounding { get; private set; }
    public string? Note { get; private set; }
    public decimal NetTotal { get; private set; }
    public decimal TaxTotal { get; private set; }
    public decimal GrossTotal { get; private set; }
    public List<InvoiceLine> Lines { get; private set; } = [];
    public List<Payment> Payments { get; private set; } = [];

    public decimal Settled => Payments.Sum(p => p.Amount);
    public decimal Open => GrossTotal - Settled;

    public static Invoice Draft(InvoiceHeader header, IReadOnlyList<InvoicedLine> lines)
    {
        Check(InvoiceRules.MustInvoiceSomething(header.SalesOrderNumber, lines));
        return new Invoice(InvoiceKind.Invoice, header, lines);
    }

    /// <summary>A credit note for units of this posted invoice's lines, posted at once under <paramref name="number"/>; it offsets what is still open here.</summary>
    public Invoice Credit(string number, DateOnly date, string reason, IReadOnlyList<(Guid LineId, decimal Quantity)> parts, IReadOnlyList<Invoice> earlierCredits)
    {
        Check(InvoiceRules.MustBePosted(this));
        Check(InvoiceRules.MayNotCreditACreditNote(this));
        var lines = new List<InvoicedLine>();
        foreach (var (lineId, quantity) in parts)
        {
            var line = Lines.Find(l => l.Id == lineId) ?? throw new NotFoundException(InvoicingErrors.LineNotFound, lineId);
            var credited = earlierCredits.SelectMany(c => c.Lines).Where(l => l.CreditedLineId == lineId).Sum(l => l.Quantity);
            Check(InvoiceRules.CreditWithinInvoiced(line, quantity, credited));
            lines.Add(line.Invoiced() with { Quantity = quantity, CreditedLineId = line.Id });
        }

        var note = new Invoice(InvoiceKind.CreditNote, Header(), lines) { CreditedInvoiceId = Id, Note = reason.Trim() };
        note.Post(number, date);
        var offset = Math.Min(Open, note.GrossTotal);
        if (offset > 0)
        {
            Settle(date, offset, note.Number, note.Id);
            note.Settle(date, offset, Number, Id);
        }

        return note;
    }

    public void ChangeDraft(DateOnly? invoiceDate, DateOnly? dueDate, string? note)
    {
        Check(InvoiceRules.MustBeADraft(this));
        Check(InvoiceRules.DueNotBeforeInvoiced(invoiceDate, dueDate));
        (InvoiceDate, DueDate, Note) = (invoiceDate, dueDate, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }

    /// <summary>Numbers and dates the draft; from now on it is what the customer holds, and never changes.</summary>
    public void Post(string number, DateOnly today)
    {
        Check(InvoiceRules.MustBeADraft(this));
        Number = number;
        InvoiceDate ??= today;
        DueDate ??= InvoiceDate.Value.AddDays(PaymentTermDays);
        Status = InvoiceStatus.Posted;
    }

    /// <summary>Money received; true when it settles the invoice.</summary>
    public bool Pay(DateOnly date, decimal amount, string? reference)
    {
        Check(InvoiceRules.MustBePosted(this));
        Check(InvoiceRules.PaymentWithinOpen(this, amount));
        return Settle(date, amount, reference, null);
    }

    private bool Settle(DateOnly date, decimal amount, string? reference, Guid? offsetDocumentId)
    {
        Payments.Add(new Payment(date, amount, reference, offsetDocumentId));
        if (Open != 0) return false;
        Status = InvoiceStatus.Paid;
        return true;
    }

    /// <summary>The taxes per rate, as the totals were computed.</summary>
    public IReadOnlyList<TaxAmount> Taxes() => DocumentTotals.Compute(
        [.. Lines.OrderBy(l => l.LineNumber).Select(l => new TaxableLine(l.Quantity, l.UnitPrice, l.DiscountPercent, l.TaxRate))], PricesIncludeTax, TaxRounding).Taxes;

    private InvoiceHeader Header() => new(CustomerId, SalesOrderId, SalesOrderNumber, Currency, PricesIncludeTax, TaxRounding, PaymentTermDays);
}

public sealed class InvoiceLine : Entity<Guid>, ICompanyOwned
{
    private InvoiceLine() { } // for EF Core

    internal InvoiceLine(int lineNumber, InvoicedLine line, LineAmounts amounts)
    {
        Id = Guid.CreateVersion7();
        LineNumber = lineNumber;
        (OrderLineId, CreditedLineId, ProductId, Description, Quantity, Unit, UnitPrice, DiscountPercent, TaxRate) =
            (line.OrderLineId, line.CreditedLineId, line.ProductId, line.Description, line.Quantity, line.Unit, line.UnitPrice, line.DiscountPercent, line.TaxRate);
        (NetAmount, TaxAmount, GrossAmount) = (amounts.Net, amounts.Tax, amounts.Gross);
    }

    public Guid CompanyId { get; private set; }
    public int LineNumber { get; private set; }
    public Guid? OrderLineId { get; private set; }

    /// <summary>On a credit note, the invoice line it takes back.</summary>
    public Guid? CreditedLineId { get; private set; }

    public Guid ProductId { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal UnitPrice { get; private set; }
    public decimal DiscountPercent { get; private set; }
    public decimal TaxRate { get; private set; }
    public decimal NetAmount { get; private set; }
    public decimal TaxAmount { get; private set; }
    public decimal GrossAmount { get; private set; }

    internal InvoicedLine Invoiced() => new(OrderLineId, null, ProductId, Description, Quantity, Unit, UnitPrice, DiscountPercent, TaxRate);
}

/// <summary>Money received for a document, or an offset between an invoice and its credit note (<see cref="OffsetDocumentId"/> names the other).</summary>
public sealed class Payment : Entity<Guid>, ICompanyOwned
{
    private Payment() { } // for EF Core

    internal Payment(DateOnly date, decimal amount, string? reference, Guid? offsetDocumentId)
    {
        Id = Guid.CreateVersion7();
        (Date, Amount, Reference, OffsetDocumentId) = (date, amount, string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), offsetDocumentId);
    }

    public Guid CompanyId { get; private set; }
    public DateOnly Date { get; private set; }
    public decimal Amount { get; private set; }
    public string? Reference { get; private set; }
    public Guid? OffsetDocumentId { get; private set; }
}

public sealed record InvoiceHeader(
    Guid CustomerId, Guid? SalesOrderId, string? SalesOrderNumber, string Currency, bool PricesIncludeTax, TaxRounding TaxRounding, int PaymentTermDays);

public sealed record InvoicedLine(
    Guid? OrderLineId, Guid? CreditedLineId, Guid ProductId, string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal DiscountPercent, decimal TaxRate);

public static class InvoiceRules
{
    public static BusinessRule MustInvoiceSomething(string? order, IReadOnlyList<InvoicedLine> lines) => new(InvoicingErrors.NothingToInvoice, lines.Count == 0, order);

    public static BusinessRule MustBeADraft(Invoice invoice) => new(InvoicingErrors.NotADraft, invoice.Status != InvoiceStatus.Draft, invoice.Number);

    public static BusinessRule MustBePosted(Invoice invoice) => new(InvoicingErrors.NotPosted, invoice.Status == InvoiceStatus.Draft, invoice.Id);

    public static BusinessRule MayNotCreditACreditNote(Invoice invoice) => new(InvoicingErrors.CreditOfCredit, invoice.Kind == InvoiceKind.CreditNote, invoice.Number);

    public static BusinessRule PaymentWithinOpen(Invoice invoice, decimal amount) => new(InvoicingErrors.Overpayment, amount > invoice.Open, invoice.Number, amount, invoice.Open);

    public static BusinessRule CreditWithinInvoiced(InvoiceLine line, decimal quantity, decimal credited) =>
        new(InvoicingErrors.CreditExceedsInvoice, credited + quantity > line.Quantity, line.LineNumber, quantity, line.Quantity - credited);

    public static BusinessRule DueNotBeforeInvoiced(DateOnly? invoiceDate, DateOnly? dueDate) =>
        new(InvoicingErrors.DueBeforeDate, invoiceDate is { } date && dueDate is { } due && due < date, invoiceDate, dueDate);
}
