using Erp.Kernel;

namespace Erp.Sales;

/// <summary>Numbering and taxes of sales documents, per company. Invoicing computes its totals with the same taxes.</summary>
public static class SalesSettings
{
    public const string Group = "Sales";
    public const string QuotationNumbers = "Sales.QuotationNumbers";
    public const string OrderNumbers = "Sales.OrderNumbers";
    public const string DeliveryNumbers = "Sales.DeliveryNumbers";
    public const string PricesIncludeTax = "Sales.PricesIncludeTax";
    public const string TaxRounding = "Sales.TaxRounding";
    public const string TaxRatePrefix = "Sales.TaxRate.";

    /// <summary>The setting holding the rate (percent) of a tax category (Catalog's: standard, reduced, zero, exempt).</summary>
    public static string TaxRate(string taxCategory) => TaxRatePrefix + taxCategory;

    private static readonly (string Category, string Rate)[] DefaultRates = [("standard", "19"), ("reduced", "7"), ("zero", "0"), ("exempt", "0")];

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        DocumentNumberSettings.Pattern(QuotationNumbers, "Quotation numbers", "QT-{yyyy}-{#####}", Group),
        DocumentNumberSettings.Pattern(OrderNumbers, "Sales order numbers", "SO-{yyyy}-{#####}", Group),
        DocumentNumberSettings.Pattern(DeliveryNumbers, "Delivery note numbers", "DN-{yyyy}-{#####}", Group),
        new(PricesIncludeTax, "Prices include tax", SettingType.YesNo)
        {
            DefaultValue = "false", Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
            Description = "Whether unit prices are gross (tax included), as shops sell to consumers, or net.",
        },
        new(TaxRounding, "Round taxes", SettingType.Choice)
        {
            DefaultValue = "line", Choices = ["line", "document"], Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
            Description = "Per line, or once per tax rate over the whole document.",
        },
        .. DefaultRates.Select(r => new SettingDefinition(TaxRate(r.Category), $"Tax rate: {r.Category} (%)", SettingType.Number)
        {
            DefaultValue = r.Rate, Minimum = 0, Maximum = 100, Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
        }),
    ];
}
