using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Erp.Kernel.Domain;

namespace Erp.Kernel.Localization;

/// <summary>
/// Puts the messages of request validation into the reader's language. .NET 10's validation of minimal API parameters
/// (data annotations) writes English: either an attribute's own <c>ErrorMessage</c>, which in Erp is a text key
/// (<c>[RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")]</c>), or the runtime's default
/// message, which is recognised here by the runtime's own templates (read from the attributes at start-up, so they
/// cannot drift) and retold as <c>validation.&lt;attribute&gt;</c> with the same values.
/// </summary>
public sealed class ValidationMessages(CatalogStringLocalizer texts, TranslationCatalog catalog)
{
    private static readonly Template[] Templates = Learn();

    public string Translate(string message, CultureInfo culture)
    {
        if (catalog.Find(message, culture) is { } text) return text; // an attribute's own message: a key, with no values
        foreach (var template in Templates)
        {
            if (Matched(template, message) is not { Success: true } match) continue;
            var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object?)g.Value).ToArray();
            return texts.Text(new LocalizableText(template.Key, values), culture);
        }

        return message;
    }

    // The timeout guards against a pathological message; on a machine busy enough to hit it, the message stays as it
    // is rather than the problem answer failing (which turned a 400 into an unhandled exception under load).
    private static Match? Matched(Template template, string message)
    {
        try
        {
            return template.Pattern.Match(message);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private sealed record Template(string Key, Regex Pattern);

    // Sentinels stand in for the values; what is left is the runtime's wording, whose placeholders become groups
    // captured in the order of the key's {0}, {1}, ... (the field, then the attribute's values).
    private const string Field = "\u0001field\u0001";

    private static Template[] Learn() =>
    [
        Of("validation.required", new RequiredAttribute()),
        Of("validation.string-length-range", new StringLengthAttribute(7654321) { MinimumLength = 1234567 }, "1234567", "7654321"),
        Of("validation.string-length", new StringLengthAttribute(1234567), "1234567"),
        Of("validation.max-length", new MaxLengthAttribute(1234567), "1234567"),
        Of("validation.min-length", new MinLengthAttribute(1234567), "1234567"),
        Of("validation.range", new RangeAttribute(1234567, 7654321), "1234567", "7654321"),
        Of("validation.regular-expression", new RegularExpressionAttribute("\u0002pattern\u0002"), "\u0002pattern\u0002"),
        Of("validation.email", new EmailAddressAttribute()),
        Of("validation.url", new UrlAttribute()),
    ];

    private static Template Of(string key, ValidationAttribute attribute, params string[] values)
    {
        var wording = Regex.Escape(attribute.FormatErrorMessage(Field)).Replace(Regex.Escape(Field), "(.+?)", StringComparison.Ordinal);
        foreach (var value in values) wording = wording.Replace(Regex.Escape(value), "(.+?)", StringComparison.Ordinal);
        // Groups come out in the order they appear in the English wording; the texts' placeholders follow that order.
        return new Template(key, new Regex($"^{wording}$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)));
    }
}
