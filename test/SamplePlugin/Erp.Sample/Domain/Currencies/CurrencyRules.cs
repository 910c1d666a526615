using Erp.Kernel.Domain;

namespace Erp.Sample.Domain.Currencies;

internal static class CurrencyRules
{
    public static BusinessRule CodeMustBeUnique(string code, bool codeExists) => new(
        SampleErrors.CurrencyCodeTaken, codeExists, code);

    public static BusinessRule BaseCurrencyCannotBeDeleted(Currency currency) => new(
        SampleErrors.CurrencyInUseAsBase, currency.IsBase, currency.Code);
}
