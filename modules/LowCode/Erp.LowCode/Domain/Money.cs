using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Erp.LowCode.Domain;

/// <summary>
/// A money field's value: an amount in a currency (ISO 4217). Stored as one column of the composite type
/// <see cref="SchemaPlanner.MoneyType"/>, so a field stays one column however it is read, written, filtered or sorted.
/// </summary>
public sealed partial record Money(decimal Amount, string Currency)
{
    /// <summary>Whether <paramref name="code"/> has the shape of an ISO 4217 code (three capital letters).</summary>
    public static bool IsCurrency(string? code) => code is not null && CurrencyCode().IsMatch(code);

    /// <summary>The value as JSON holds it, <c>{"amount": 12.5, "currency": "EUR"}</c>: a body's, or PostgreSQL's <c>to_jsonb</c> of the column.</summary>
    public static Money Of(JsonElement json) => new(json.GetProperty("amount").GetDecimal(), json.GetProperty("currency").GetString()!);

    /// <summary>The text files hold (<c>12.5 EUR</c>, as <see cref="ToString"/> writes it); null when it is none.</summary>
    public static Money? Parse(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts is [var amount, var currency] && IsCurrency(currency)
            && decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? new Money(value, currency) : null;
    }

    /// <summary>The amount (invariant, without a stored scale's trailing zeros) and the currency: <c>12.5 EUR</c>.</summary>
    public override string ToString() => $"{ValueText.Of(Amount)} {Currency}";

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
