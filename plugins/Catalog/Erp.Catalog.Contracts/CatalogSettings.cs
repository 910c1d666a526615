using Erp.Kernel;

namespace Erp.Catalog;

/// <summary>What a new product starts with, per company.</summary>
public static class CatalogSettings
{
    public const string Group = "Catalog";
    public const string DefaultUnit = "Catalog.DefaultUnit";
    public const string DefaultTaxCategory = "Catalog.DefaultTaxCategory";

    /// <summary>The tax categories a product may have; invoicing keeps a rate per category.</summary>
    public static IReadOnlyList<string> TaxCategories { get; } = ["standard", "reduced", "zero", "exempt"];

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new(DefaultUnit, "Default unit of measure", SettingType.Text)
        {
            DefaultValue = "pcs", Pattern = ProductLimits.UnitPattern, Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
            Description = "The unit a new product is counted in unless it names one.",
        },
        new(DefaultTaxCategory, "Default tax category", SettingType.Choice)
        {
            DefaultValue = "standard", Choices = [.. TaxCategories], Scopes = SettingScopes.Global | SettingScopes.Company, Group = Group,
        },
    ];
}
