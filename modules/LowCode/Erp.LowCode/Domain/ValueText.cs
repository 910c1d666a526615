using System.Globalization;

namespace Erp.LowCode.Domain;

/// <summary>
/// A field's value as text, the one way files and templates write it, and imports and filters read it back: invariant
/// numbers (a number column's without its trailing zeros), ISO dates, <c>true</c>/<c>false</c>, a multiple choice's
/// choices joined by <see cref="ChoiceSeparator"/>, money as its amount and currency (<c>12.5 EUR</c>).
/// </summary>
public static class ValueText
{
    /// <summary>Between a multiple choice's choices in one text (a file's cell).</summary>
    public const string ChoiceSeparator = "; ";

    /// <returns>Null for no value, and for what is not one field's value (lines, expansions).</returns>
    public static string? Of(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        string[] choices => string.Join(ChoiceSeparator, choices),
        Money money => money.ToString(),
        decimal number => number.ToString("0.########", CultureInfo.InvariantCulture), // numeric(28, 8) without its trailing zeros
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
