using System.ComponentModel.DataAnnotations;

namespace Erp.Companies;

public sealed record CompanyDto(
    Guid Id, string Name, string LegalName, string? TaxId, AddressDto Address, string BaseCurrency, string TimeZone, int FiscalYearStartMonth, uint Version);

public sealed record AddressDto(
    [StringLength(200)] string? Street, [StringLength(20)] string? PostalCode, [StringLength(100)] string? City,
    [RegularExpression("^[A-Z]{2}$", ErrorMessage = "validation.country-code")] string? Country);

public sealed record SaveCompanyRequest(
    [Required, StringLength(CompanyLimits.MaxName, MinimumLength = 1)] string Name,
    [Required, StringLength(CompanyLimits.MaxLegalName, MinimumLength = 1)] string LegalName,
    [StringLength(50)] string? TaxId,
    [Required] AddressDto Address,
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string BaseCurrency,
    [Required, StringLength(100)] string TimeZone,
    [Range(1, 12)] int FiscalYearStartMonth = 1,
    uint Version = 0);

/// <summary>The users and integration clients who work in a company.</summary>
public sealed record CompanyMembersDto(IReadOnlyList<Guid> Users, IReadOnlyList<string> Clients);

public sealed record UpdateCompanyMembersRequest(
    [MaxLength(1000)] IReadOnlyList<Guid>? AddUsers,
    [MaxLength(1000)] IReadOnlyList<Guid>? RemoveUsers,
    [MaxLength(1000)] IReadOnlyList<string>? AddClients,
    [MaxLength(1000)] IReadOnlyList<string>? RemoveClients);

/// <param name="IsCurrent">The company this request works in.</param>
/// <param name="IsDefault">The company requests without the company header work in.</param>
public sealed record MyCompanyDto(Guid Id, string Name, string BaseCurrency, string TimeZone, bool IsCurrent, bool IsDefault);

public sealed record SetDefaultCompanyRequest([Required] Guid CompanyId);

public static class CompanyLimits
{
    public const int MaxName = 100;
    public const int MaxLegalName = 200;
}
