using Erp.Kernel;

namespace Erp.Sample;

/// <summary>The sample plugin's settings: one of each kind the settings module treats differently.</summary>
public static class SampleSettings
{
    public const string Group = "Sample";
    public const string DefaultCurrency = "Sample.DefaultCurrency";
    public const string MaxDecimals = "Sample.MaxDecimals";
    public const string Rounding = "Sample.Rounding";
    public const string RatesApiKey = "Sample.RatesApiKey";

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(DefaultCurrency, "Default currency", SettingType.Currency)
        {
            DefaultValue = "EUR", Scopes = SettingScopes.Global | SettingScopes.Company | SettingScopes.User, Group = Group, VisibleToClients = true,
            Description = "The currency new documents start in; each company, and each user, may choose their own.",
        },
        new(MaxDecimals, "Decimals shown", SettingType.WholeNumber) { DefaultValue = "2", Minimum = 0, Maximum = 6, Group = Group },
        new(Rounding, "Rounding", SettingType.Choice)
        {
            DefaultValue = "half-even", Choices = ["half-even", "half-up"], Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
        },
        new(RatesApiKey, "Exchange-rate service key", SettingType.Secret) { Group = Group, Description = "Sent to the rate service; never shown again." },
    ];
}
