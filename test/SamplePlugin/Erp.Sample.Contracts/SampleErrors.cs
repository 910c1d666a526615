namespace Erp.Sample;

/// <summary>Stable error codes of the sample plugin; clients branch on these.</summary>
public static class SampleErrors
{
    public const string CurrencyNotFound = "sample.currency.not-found";
    public const string CurrencyCodeTaken = "sample.currency.code-taken";
    public const string CurrencyInUseAsBase = "sample.currency.base-currency-delete";
    public const string ExchangeRateNotFound = "sample.exchange-rate.not-found";
}
