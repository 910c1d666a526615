using System.Globalization;
using Erp.Kernel.Domain;
using Microsoft.Extensions.Localization;

namespace Erp.Kernel.Localization;

/// <summary>
/// <see cref="IStringLocalizer"/> over the <see cref="TranslationCatalog"/>, in the request's UI culture. One namespace
/// for all modules (keys carry their module), so every <c>IStringLocalizer&lt;T&gt;</c> reads the same texts.
/// A key no language has comes back as itself, marked not found, so a gap shows instead of failing the request.
/// </summary>
public sealed class CatalogStringLocalizer(TranslationCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name] => Text(name, CultureInfo.CurrentUICulture, []);

    public LocalizedString this[string name, params object[] arguments] => Text(name, CultureInfo.CurrentUICulture, arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.AllIn(catalog.LanguageFor(CultureInfo.CurrentUICulture) ?? TranslationCatalog.DefaultLanguage)
            .Select(t => new LocalizedString(t.Key, t.Value));

    /// <summary>The text in the request's language (its UI culture).</summary>
    public string Translate(LocalizableText text) => Text(text, CultureInfo.CurrentUICulture);

    /// <summary>The text of <paramref name="key"/> in the request's language, or <paramref name="fallback"/> when no language has one.</summary>
    public string Translate(string key, string fallback) => catalog.Find(key, CultureInfo.CurrentUICulture) ?? fallback;

    public string Text(LocalizableText text, CultureInfo culture) => Text(text.Key, culture, text.Arguments).Value;

    /// <summary>The text of <paramref name="name"/> in <paramref name="culture"/>, its placeholders filled in that culture's formats.</summary>
    public LocalizedString Text(string name, CultureInfo culture, IReadOnlyList<object?> arguments)
    {
        if (catalog.Find(name, culture) is not { } template) return new LocalizedString(name, name, resourceNotFound: true);
        if (arguments.Count == 0) return new LocalizedString(name, template);
        // A text may name another (a setting's problem inside "Setting X: ..."): that one is translated too.
        var values = arguments.Select(a => a is LocalizableText inner ? Text(inner, culture) : a).ToArray();
        return new LocalizedString(name, string.Format(culture, template, values));
    }
}

/// <summary>Hands every type and base name the one catalog localizer.</summary>
public sealed class CatalogStringLocalizerFactory(CatalogStringLocalizer localizer) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => localizer;

    public IStringLocalizer Create(string baseName, string location) => localizer;
}
