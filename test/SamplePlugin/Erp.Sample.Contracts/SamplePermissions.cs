using Erp.Kernel;

namespace Erp.Sample;

/// <summary>The sample plugin's permissions (enforced once the permission module lands).</summary>
public static class SamplePermissions
{
    public const string Group = "Sample";

    public static class Currencies
    {
        public const string Default = Group + ".Currencies";
        public const string Manage = Default + ".Manage";
    }

    /// <summary>Exchange rates belong to a company: each company keeps its own.</summary>
    public static class ExchangeRates
    {
        public const string Default = Group + ".ExchangeRates";
        public const string Manage = Default + ".Manage";
    }

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(ExchangeRates.Default, "View exchange rates"),
        new(ExchangeRates.Manage, "Manage exchange rates", ExchangeRates.Default),
        new(Currencies.Default, "View currencies"),
        new(Currencies.Manage, "Manage currencies", Currencies.Default),
    ];
}
