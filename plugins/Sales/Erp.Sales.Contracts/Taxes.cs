namespace Erp.Sales;

/// <summary>How a document's taxes are rounded to the cent.</summary>
public enum TaxRounding
{
    /// <summary>Each line's tax is rounded, and the document's tax is their sum.</summary>
    Line,

    /// <summary>The exact taxes of all lines with one rate are summed and rounded once.</summary>
    Document,
}

/// <param name="TaxRate">Percent: 19 for 19 %.</param>
/// <param name="DiscountPercent">Off the line's price: 10 for 10 %.</param>
public sealed record TaxableLine(decimal Quantity, decimal UnitPrice, decimal DiscountPercent, decimal TaxRate);

public sealed record LineAmounts(decimal Net, decimal Tax, decimal Gross);

public sealed record TaxAmount(decimal Rate, decimal Base, decimal Tax);

public sealed record DocumentAmounts(IReadOnlyList<LineAmounts> Lines, IReadOnlyList<TaxAmount> Taxes, decimal Net, decimal Tax, decimal Gross);

/// <summary>
/// The one place sales and invoicing turn lines into amounts: a line's amount is its quantity times its price less its
/// discount, to the cent; prices are net (tax added) or gross (tax included); taxes are rounded per line or per rate over
/// the document. Half a cent rounds away from zero, as invoices are expected to.
/// </summary>
public static class DocumentTotals
{
    public static DocumentAmounts Compute(IReadOnlyList<TaxableLine> lines, bool pricesIncludeTax, TaxRounding rounding)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var exact = lines.Select(l =>
        {
            var amount = Cents(l.Quantity * l.UnitPrice * (1 - l.DiscountPercent / 100));
            var tax = pricesIncludeTax ? amount - amount / (1 + l.TaxRate / 100) : amount * l.TaxRate / 100;
            return (Line: l, Amount: amount, ExactTax: tax);
        }).ToList();

        var amounts = exact.Select(e =>
        {
            var tax = Cents(e.ExactTax);
            return pricesIncludeTax ? new LineAmounts(e.Amount - tax, tax, e.Amount) : new LineAmounts(e.Amount, tax, e.Amount + tax);
        }).ToList();

        var taxes = exact.Zip(amounts).GroupBy(x => x.First.Line.TaxRate).OrderBy(g => g.Key).Select(g =>
        {
            var tax = rounding == TaxRounding.Line ? g.Sum(x => x.Second.Tax) : Cents(g.Sum(x => x.First.ExactTax));
            var gross = g.Sum(x => x.First.Amount);
            return new TaxAmount(g.Key, pricesIncludeTax ? gross - tax : gross, tax);
        }).ToList();

        var totalTax = taxes.Sum(t => t.Tax);
        var net = taxes.Sum(t => t.Base);
        return new DocumentAmounts(amounts, taxes, net, totalTax, net + totalTax);
    }

    public static decimal Cents(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
