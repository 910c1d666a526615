using Erp.Kernel.Domain;

namespace Erp.Catalog.Domain;

/// <summary>
/// A customer, a supplier or both, of one company: its number names it there. Addresses and contacts are part of it
/// (kept in its row, so they share its company's row-level security).
/// </summary>
public sealed class Partner : AuditedAggregateRoot, ICompanyOwned
{
    private Partner() { } // for EF Core

    public Partner(PartnerDetails details) => Apply(details);

    public Guid CompanyId { get; private set; }
    public string Number { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool IsCustomer { get; private set; }
    public bool IsSupplier { get; private set; }
    public string? TaxId { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string Currency { get; private set; } = "";
    public int PaymentTermDays { get; private set; }
    public decimal? CreditLimit { get; private set; }
    public bool Active { get; private set; }
    public List<PartnerAddress> Addresses { get; private set; } = [];
    public List<PartnerContact> Contacts { get; private set; } = [];
    public Guid? DefaultPriceListId { get; private set; }

    public void Change(PartnerDetails details) => Apply(details);

    private void Apply(PartnerDetails details)
    {
        Check(PartnerRules.MustBeCustomerOrSupplier(details.Name, details.IsCustomer || details.IsSupplier));
        Check(PartnerRules.AtMostOneDefaultAddressPerKind(details.Addresses));
        (Number, Name, IsCustomer, IsSupplier) = (details.Number, details.Name.Trim(), details.IsCustomer, details.IsSupplier);
        (TaxId, Email, Phone) = (Blank(details.TaxId), Blank(details.Email), Blank(details.Phone));
        (Currency, PaymentTermDays, CreditLimit, Active) = (details.Currency, details.PaymentTermDays, details.CreditLimit, details.Active);
        Addresses = [.. details.Addresses];
        Contacts = [.. details.Contacts];
        DefaultPriceListId = details.DefaultPriceListId;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed record PartnerAddress(AddressKind Kind, string Street, string PostalCode, string City, string Country, bool IsDefault);

public sealed record PartnerContact(string Name, string? Email, string? Phone, string? Role);

public sealed record PartnerDetails(
    string Number, string Name, bool IsCustomer, bool IsSupplier, string? TaxId, string? Email, string? Phone, string Currency, int PaymentTermDays,
    decimal? CreditLimit, bool Active, IReadOnlyList<PartnerAddress> Addresses, IReadOnlyList<PartnerContact> Contacts, Guid? DefaultPriceListId);

public static class PartnerRules
{
    public static BusinessRule NumberMustBeUnique(string number, bool taken) => new(CatalogErrors.PartnerNumberTaken, taken, number);

    public static BusinessRule MayNotBeDeletedWhilePriceListsNameIt(string name, bool named) => new(CatalogErrors.PartnerInUse, named, name);

    public static BusinessRule MustBeCustomerOrSupplier(string name, bool either) => new(CatalogErrors.PartnerWithoutRole, !either, name);

    public static BusinessRule AtMostOneDefaultAddressPerKind(IReadOnlyList<PartnerAddress> addresses) => new(CatalogErrors.PartnerDefaultAddresses,
        addresses.Where(a => a.IsDefault).GroupBy(a => a.Kind).Any(g => g.Count() > 1));
}
