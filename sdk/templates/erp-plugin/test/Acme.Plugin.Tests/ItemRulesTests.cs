using Acme.Plugin.Domain;
using Erp.Kernel.Domain;
using Shouldly;

namespace Acme.Plugin.Tests;

public sealed class ItemRulesTests
{
    [Fact]
    public void ACodeTaken_IsRefused_WithTheRulesCode()
    {
        var refusal = Should.Throw<BusinessRuleException>(() => ItemRules.CodeMustBeUnique("A-1", taken: true).ThrowIfBroken());

        refusal.Code.ShouldBe(PluginErrors.ItemCodeTaken);
        refusal.Arguments.ShouldBe(["A-1"]);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void ACompany_MayHaveNoMoreItemsThanTheSettingAllows(int count, bool refused) =>
        ItemRules.CompanyMayHaveNoMoreThan(10, count).IsBroken.ShouldBe(refused);
}
