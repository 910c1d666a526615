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

    private const string NumberPattern = @"^.*\{#+\}.*$";

    private static readonly (string Category, string Rate)[] DefaultRates = [("standard", "19"), ("reduced", "7"), ("zero", "0"), ("exempt", "0")];

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        Numbers(QuotationNumbers, "Quotation numbers", "QT-{yyyy}-{#####}"),
        Numbers(OrderNumbers, "Sales order numbers", "SO-{yyyy}-{#####}"),
        Numbers(DeliveryNumbers, "Delivery note numbers", "DN-{yyyy}-{#####}"),
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

    private static SettingDefinition Numbers(string name, string displayName, string pattern) => new(name, displayName)
    {
        DefaultValue = pattern, Pattern = NumberPattern, Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
        Description = "{yyyy} the year, {MM} the month, a run of # in braces the number: numbers count per company and year without gaps.",
    };
}
