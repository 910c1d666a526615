using System.Globalization;
using Erp.Kernel.Settings;

namespace Erp.Kernel.Localization;

/// <summary>
/// The language a text meant for one person is written in (a mail, a notification), wherever it is written: their own
/// choice (<see cref="LocalizationSettings.Language"/>), else the language of the work that causes it (the request, or
/// the publisher of the event being handled), else the installation's default.
/// </summary>
public sealed class ReaderLanguage(TranslationCatalog catalog, ISettingProvider? settings = null)
{
    public async ValueTask<CultureInfo> OfUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (settings is not null && catalog.Supported(await settings.GetForUserAsync(LocalizationSettings.Language, userId, cancellationToken)) is { } own)
            return own;
        if (catalog.LanguageFor(CultureInfo.CurrentUICulture) is not null) return CultureInfo.CurrentUICulture;
        return settings is not null && catalog.Supported(await settings.GetAsync(LocalizationSettings.DefaultLanguage, cancellationToken)) is { } installation
            ? installation : TranslationCatalog.English;
    }
}
