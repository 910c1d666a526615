using System.ComponentModel.DataAnnotations;

namespace Erp.Sample.ExchangeRates;

/// <summary>How many units of the company's base currency one unit of <paramref name="Currency"/> buys, from a day on.</summary>
public sealed record ExchangeRateDto(Guid Id, Guid CompanyId, string Currency, decimal Rate, DateOnly ValidFrom);

public sealed record CreateExchangeRateRequest(
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string Currency,
    [Range(typeof(decimal), "0.000001", "1000000")] decimal Rate,
    DateOnly ValidFrom);
