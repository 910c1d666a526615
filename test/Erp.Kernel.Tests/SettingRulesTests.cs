using Erp.Kernel.Domain;
using Erp.Kernel.Settings;
using Shouldly;

namespace Erp.Kernel.Tests;

/// <summary>What a setting value must be for its type and bounds, and what makes a definition unusable.</summary>
public sealed class SettingRulesTests
{
    [Theory]
    [InlineData(SettingType.WholeNumber, "42", true)]
    [InlineData(SettingType.WholeNumber, "4.2", false)]
    [InlineData(SettingType.WholeNumber, "forty", false)]
    [InlineData(SettingType.Number, "12.5", true)]
    [InlineData(SettingType.Number, "12,5", false)]
    [InlineData(SettingType.YesNo, "true", true)]
    [InlineData(SettingType.YesNo, "yes", false)]
    [InlineData(SettingType.Email, "billing@example.com", true)]
    [InlineData(SettingType.Email, "Billing <billing@example.com>", false)]
    [InlineData(SettingType.Url, "https://erp.example.com/hook", true)]
    [InlineData(SettingType.Url, "javascript:alert(1)", false)]
    [InlineData(SettingType.TimeZone, "Europe/Berlin", true)]
    [InlineData(SettingType.TimeZone, "Mars/Olympus", false)]
    [InlineData(SettingType.Currency, "EUR", true)]
    [InlineData(SettingType.Currency, "eur", false)]
    public void AValue_IsCheckedAgainstItsType(SettingType type, string value, bool valid) =>
        (SettingRules.Problem(new SettingDefinition("Test.Value", "Value", type), value) is null).ShouldBe(valid);

    [Fact]
    public void BoundsChoicesPatternsAndLength_AreEnforced()
    {
        var terms = new SettingDefinition("Sales.PaymentTermDays", "Payment term", SettingType.WholeNumber) { Minimum = 0, Maximum = 365 };
        SettingRules.Problem(terms, "366").ShouldBe(new LocalizableText("setting.value.at-most", 365m));
        SettingRules.Problem(terms, "-1").ShouldBe(new LocalizableText("setting.value.at-least", 0m));
        SettingRules.Problem(terms, "30").ShouldBeNull();

        var rounding = new SettingDefinition("Sales.Rounding", "Rounding", SettingType.Choice) { Choices = ["up", "down"] };
        SettingRules.Problem(rounding, "sideways").ShouldBe(new LocalizableText("setting.value.choice", "up, down"));

        var prefix = new SettingDefinition("Sales.InvoicePrefix", "Invoice prefix") { Pattern = "[A-Z]{2,4}" };
        SettingRules.Problem(prefix, "INV").ShouldBeNull();
        SettingRules.Problem(prefix, "INV-2026").ShouldNotBeNull(); // the pattern must match the whole value
        SettingRules.Problem(prefix, new string('A', SettingRules.MaxValueLength + 1)).ShouldNotBeNull();
        SettingRules.Problem(prefix, null).ShouldBeNull(); // clearing is always allowed
    }

    [Fact]
    public void DefinitionsThatCannotWork_AreNamed()
    {
        var problems = SettingRules.Problems([
            new SettingDefinition("Mail.Password", "Password", SettingType.Secret) { VisibleToClients = true },
            new SettingDefinition("Sales.Terms", "Terms", SettingType.WholeNumber) { DefaultValue = "thirty" },
            new SettingDefinition("Sales.Terms", "Terms again"),
            new SettingDefinition("Sales.Mode", "Mode", SettingType.Choice),
            new SettingDefinition("Sales.Code", "Code") { Pattern = "([A-Z" },
            new SettingDefinition("nodots", "No dots"),
        ]);

        problems.ShouldBe([
            "setting 'Mail.Password': a secret is never visible to clients",
            "setting 'Sales.Terms': the default is not valid: setting.value.whole-number",
            "setting 'Sales.Terms': defined twice",
            "setting 'Sales.Mode': a choice needs its choices",
            "setting 'Sales.Code': the pattern is not a valid regular expression",
            "setting 'nodots': a name is dot-separated letters and digits, such as Sales.DefaultPaymentTerms",
        ]);
    }
}
