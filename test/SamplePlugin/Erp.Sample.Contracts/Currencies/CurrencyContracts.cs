using System.ComponentModel.DataAnnotations;

namespace Erp.Sample.Currencies;

/// <summary>Limits shared by request validation and the database mapping.</summary>
public static class CurrencyLimits
{
    public const int CodeLength = 3;
    public const int MaxName = 64;
    public const int MaxDecimalPlaces = 4;
}

public sealed record CurrencyDto(
    Guid Id, string Code, string Name, int DecimalPlaces, bool IsBase, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? ModifiedAt);

public sealed record CurrencyNameChangeDto(string OldName, string NewName, DateTimeOffset ChangedAt);

public sealed record CreateCurrencyRequest(
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string Code,
    [Required, StringLength(CurrencyLimits.MaxName, MinimumLength = 1)] string Name,
    [Range(0, CurrencyLimits.MaxDecimalPlaces)] int DecimalPlaces);

/// <param name="Version">The version read with the currency; a stale one is refused with 409.</param>
public sealed record RenameCurrencyRequest(
    [Required, StringLength(CurrencyLimits.MaxName, MinimumLength = 1)] string Name,
    uint Version);
