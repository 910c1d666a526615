using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Erp.Sample.ExchangeRates;

/// <summary>How many units of the company's base currency one unit of <paramref name="Currency"/> buys, from a day on.</summary>
/// <param name="Extra">The extra fields administrators gave exchange rates (<c>/api/low-code/extensions/sample.exchange_rate</c>), by name.</param>
public sealed record ExchangeRateDto(Guid Id, Guid CompanyId, string Currency, decimal Rate, DateOnly ValidFrom, JsonObject? Extra = null);

/// <param name="Extra">Values of the extra fields, by name.</param>
public sealed record CreateExchangeRateRequest(
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string Currency,
    [Range(typeof(decimal), "0.000001", "1000000")] decimal Rate,
    DateOnly ValidFrom,
    JsonElement? Extra = null);

public static class ExchangeRateEntity
{
    /// <summary>The name administrators extend exchange rates by.</summary>
    public const string Name = "sample.exchange_rate";
}
