using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Erp.Kernel.Domain;

namespace Erp.Kernel.Settings;

/// <summary>
/// What makes a setting value valid for its definition, and a definition sound. One place, used by the settings
/// module before anything is written and by the host when modules define settings.
/// </summary>
public static partial class SettingRules
{
    /// <summary>The longest value any setting holds.</summary>
    public const int MaxValueLength = 4000;

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Why <paramref name="value"/> is not valid for <paramref name="definition"/>, or null when it is. Null clears a value.</summary>
    public static LocalizableText? Problem(SettingDefinition definition, string? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (value is null) return null;
        if (value.Length > MaxValueLength) return new LocalizableText("setting.value.too-long", MaxValueLength);

        return definition.Type switch
        {
            SettingType.WholeNumber => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? Range(definition, number) : new LocalizableText("setting.value.whole-number"),
            SettingType.Number => decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                ? Range(definition, number) : new LocalizableText("setting.value.number"),
            SettingType.YesNo => value is "true" or "false" ? null : new LocalizableText("setting.value.yes-no"),
            SettingType.Choice => definition.Choices.Contains(value, StringComparer.Ordinal) ? null
                : new LocalizableText("setting.value.choice", string.Join(", ", definition.Choices)),
            SettingType.Email => MailAddress.TryCreate(value, out var address) && address.Address == value ? null : new LocalizableText("setting.value.email"),
            SettingType.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? null : new LocalizableText("setting.value.url"),
            SettingType.TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(value, out _) ? null : new LocalizableText("setting.value.time-zone"),
            SettingType.Currency => CurrencyCode().IsMatch(value) ? null : new LocalizableText("setting.value.currency"),
            SettingType.Text when definition.Pattern is { } pattern =>
                Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, PatternTimeout) ? null : new LocalizableText("setting.value.pattern"),
            _ => null,
        };
    }

    /// <summary>What is wrong with the definitions one module makes (or null): checked when the module is configured.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<SettingDefinition> definitions)
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            void Add(string problem) => problems.Add($"setting '{definition.Name}': {problem}");
            if (!names.Add(definition.Name)) Add("defined twice");
            if (!SettingName().IsMatch(definition.Name)) Add("a name is dot-separated letters and digits, such as Sales.DefaultPaymentTerms");
            if (definition.IsSecret && definition.VisibleToClients) Add("a secret is never visible to clients");
            if (definition.IsSecret && definition.DefaultValue is not null) Add("a secret has no default in code");
            if (definition.Type == SettingType.Choice && definition.Choices.Count == 0) Add("a choice needs its choices");
            if (definition.Minimum > definition.Maximum) Add("the minimum is above the maximum");
            if (definition.Pattern is { } pattern && !IsRegex(pattern)) Add("the pattern is not a valid regular expression");
            else if (Problem(definition, definition.DefaultValue) is { } invalid) Add($"the default is not valid: {invalid}");
        }

        return problems;
    }

    private static LocalizableText? Range(SettingDefinition definition, decimal number) =>
        number < definition.Minimum ? new LocalizableText("setting.value.at-least", definition.Minimum.Value)
        : number > definition.Maximum ? new LocalizableText("setting.value.at-most", definition.Maximum.Value)
        : null;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, PatternTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+$")]
    private static partial Regex SettingName();
}
