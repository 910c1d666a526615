using Erp.Kernel.Domain;

namespace Erp.Companies.Domain;

/// <summary>A legal entity of the installation: what its documents say about it, and the currency and calendar it books in.</summary>
public sealed class Company : AuditedAggregateRoot, IAuditedInCompany
{
    Guid? IAuditedInCompany.AuditCompanyId => Id;

    private Company() { } // for EF Core

    public Company(CompanyDetails details) => Change(details);

    public string Name { get; private set; } = "";
    public string LegalName { get; private set; } = "";
    public string? TaxId { get; private set; }
    public string? Street { get; private set; }
    public string? PostalCode { get; private set; }
    public string? City { get; private set; }

    /// <summary>ISO 3166 alpha-2.</summary>
    public string? Country { get; private set; }

    /// <summary>ISO 4217: the currency its books are kept in.</summary>
    public string BaseCurrency { get; private set; } = "";

    /// <summary>IANA time zone its dates are shown in.</summary>
    public string TimeZone { get; private set; } = "";

    public int FiscalYearStartMonth { get; private set; } = 1;

    public void Change(CompanyDetails details)
    {
        Check(CompanyRules.TimeZoneExists(details.TimeZone));
        (Name, LegalName, TaxId, Street, PostalCode, City, Country, BaseCurrency, TimeZone, FiscalYearStartMonth) = (details.Name.Trim(),
            details.LegalName.Trim(), details.TaxId, details.Street, details.PostalCode, details.City, details.Country, details.BaseCurrency,
            details.TimeZone, details.FiscalYearStartMonth);
    }
}

public sealed record CompanyDetails(
    string Name, string LegalName, string? TaxId, string? Street, string? PostalCode, string? City, string? Country, string BaseCurrency,
    string TimeZone, int FiscalYearStartMonth);

/// <summary>A user or an integration client who works in a company; a user's default company is where requests without the header go.</summary>
public sealed class CompanyMember : Entity<Guid>, IAuditedInCompany
{
    Guid? IAuditedInCompany.AuditCompanyId => CompanyId;

    private CompanyMember() { } // for EF Core

    private CompanyMember(Guid companyId, Guid? userId, string? clientId)
    {
        Id = Guid.CreateVersion7();
        CompanyId = companyId;
        UserId = userId;
        ClientId = clientId;
    }

    public Guid CompanyId { get; private set; }
    public Guid? UserId { get; private set; }
    public string? ClientId { get; private set; }
    public bool IsDefault { get; private set; }

    public static CompanyMember User(Guid companyId, Guid userId) => new(companyId, userId, null);

    public static CompanyMember Client(Guid companyId, string clientId) => new(companyId, null, clientId);

    public void MakeDefault(bool isDefault) => IsDefault = isDefault;
}

public static class CompanyRules
{
    public const string UnknownTimeZone = "companies.company.unknown-time-zone";

    public static BusinessRule TimeZoneExists(string timeZone) => new(UnknownTimeZone,
        !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _), $"'{timeZone}' is not a time zone, such as Europe/Berlin.");
}

/// <summary>
/// The last document number drawn of one series, in one company and year. Written only by the kernel's
/// <see cref="Erp.Kernel.Data.DocumentNumbers"/>, in the transaction of the document that draws it.
/// </summary>
public sealed class NumberSeriesCounter
{
    private NumberSeriesCounter() { } // for EF Core

    public Guid CompanyId { get; private set; }
    public string Series { get; private set; } = "";
    public int Year { get; private set; }
    public long LastNumber { get; private set; }
}
