using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Erp.Kernel.Localization;

/// <summary>
/// Every text the running modules and plugins ship, by language. Each assembly embeds its translations as
/// <c>Localization/&lt;language&gt;.json</c> (flat: key to text, composite-format placeholders <c>{0}</c>), which
/// <c>common.props</c> embeds for every project. Keys are global and namespaced like problem codes
/// (<c>module.entity.rule</c>): a problem's code is the key of its text. The first assembly to ship a key keeps it, so a
/// plugin cannot reword a built-in module's text.
/// </summary>
public sealed class TranslationCatalog
{
    /// <summary>The language of the texts in code, and the last fallback: every shipped key has an English text.</summary>
    public const string DefaultLanguage = "en";

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo(DefaultLanguage);

    private const string ResourcePrefix = "Localization.";
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    private TranslationCatalog(Dictionary<string, Dictionary<string, string>> byLanguage)
    {
        _byLanguage = byLanguage.ToFrozenDictionary(l => l.Key, l => l.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
        Languages = [.. _byLanguage.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The languages some running module ships texts in, e.g. <c>ar</c>, <c>de</c>, <c>en</c>.</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The texts one assembly ships, by language; a file that is not a flat JSON object of strings throws, naming it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ShippedBy(Assembly assembly)
    {
        var texts = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".json", StringComparison.Ordinal)) continue;
            var language = resource[ResourcePrefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            try
            {
                texts[language] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                    ?? throw new JsonException("the file is empty");
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{assembly.GetName().Name}: Localization/{language}.json is not a flat object of texts: {e.Message}", e);
            }
        }

        return texts;
    }

    /// <summary>
    /// The catalog of these assemblies, in the order given (the kernel and built-in modules first), with
    /// <paramref name="english"/> as English texts: the names definitions carry in code (<see cref="DefinitionTexts"/>),
    /// which English files do not repeat.
    /// </summary>
    public static TranslationCatalog From(IEnumerable<Assembly> assemblies, IEnumerable<KeyValuePair<string, string>>? english = null)
    {
        var byLanguage = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, text) in english ?? [])
        {
            if (!byLanguage.TryGetValue(DefaultLanguage, out var known)) byLanguage[DefaultLanguage] = known = new Dictionary<string, string>(StringComparer.Ordinal);
            known.TryAdd(key, text);
        }

        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var (language, texts) in ShippedBy(assembly))
            {
                if (!byLanguage.TryGetValue(language, out var known)) byLanguage[language] = known = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, text) in texts) known.TryAdd(key, text);
            }
        }

        return new TranslationCatalog(byLanguage);
    }

    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="culture"/>, falling back through its parents to English
    /// (de-AT, then de, then en); null when no language has it.
    /// </summary>
    public string? Find(string key, CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byLanguage.TryGetValue(c.Name, out var texts) && texts.TryGetValue(key, out var text)) return text;
        }

        return _byLanguage.TryGetValue(DefaultLanguage, out var english) && english.TryGetValue(key, out var fallback) ? fallback : null;
    }

    /// <summary>Every text of <paramref name="language"/>, English where it has none (what a client caches for one language).</summary>
    public IReadOnlyDictionary<string, string> AllIn(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var keys = _byLanguage.Values.SelectMany(t => t.Keys).Distinct(StringComparer.Ordinal);
        return keys.ToDictionary(k => k, k => Find(k, culture)!, StringComparer.Ordinal);
    }

    /// <summary>The culture a language tag names, when a shipped language serves it (<c>de-AT</c> through <c>de</c>); else null.</summary>
    public CultureInfo? Supported(string? tag)
    {
        if (string.IsNullOrEmpty(tag) || tag == "*") return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag);
            return LanguageFor(culture) is null ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="language"/> itself (no fallback) has a text for <paramref name="key"/>.</summary>
    public bool Has(string key, string language) => _byLanguage.TryGetValue(language, out var texts) && texts.ContainsKey(key);

    /// <summary>The shipped language that serves <paramref name="culture"/> (itself or a parent), or null.</summary>
    public string? LanguageFor(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byLanguage.ContainsKey(c.Name)) return c.Name;
        }

        return null;
    }
}
