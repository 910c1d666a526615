namespace Erp.Kernel;

/// <summary>
/// Which language and time zone a person reads Erp in. A request's language is the user's own choice, else the
/// browser's (<c>Accept-Language</c>) where Erp ships it, else the installation's default.
/// </summary>
public static class LocalizationSettings
{
    public const string Group = "Language and region";
    public const string Language = "Localization.Language";
    public const string DefaultLanguage = "Localization.DefaultLanguage";
    public const string TimeZone = "Localization.TimeZone";

    // A language tag: "de", "de-AT", "ar", "zh-Hant-TW".
    private const string LanguageTag = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(Language, "Language", SettingType.Text)
        {
            Scopes = SettingScopes.User, Pattern = LanguageTag, Group = Group, VisibleToClients = true,
            Description = "The language and formats you read Erp in, such as de or de-AT. Empty: your browser's language.",
        },
        new(DefaultLanguage, "Default language", SettingType.Text)
        {
            DefaultValue = "en", Pattern = LanguageTag, Group = Group, VisibleToClients = true,
            Description = "For people who chose no language and whose browser asks for none Erp ships.",
        },
        new(TimeZone, "Time zone", SettingType.TimeZone)
        {
            Scopes = SettingScopes.User, Group = Group, VisibleToClients = true,
            Description = "Times are shown in it. Empty: the company's time zone.",
        },
    ];
}
