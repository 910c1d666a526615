using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Erp.Kernel;

namespace Erp.Catalog;

public static class PartnerLimits
{
    public const int MaxNumber = 20;
    public const int MaxName = 200;
    public const int MaxAddresses = 20;
    public const int MaxContacts = 50;
    public const string NumberPattern = "^[A-Z0-9][A-Z0-9-]*$";
}

/// <summary>What an address is used for; a partner has at most one of each kind marked as the default.</summary>
public enum AddressKind
{
    Billing,
    Shipping,
}

public sealed record AddressDto(
    AddressKind Kind,
    [Required, StringLength(200)] string Street,
    [Required, StringLength(20)] string PostalCode,
    [Required, StringLength(100)] string City,
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "validation.country-code")] string Country,
    bool IsDefault = false);

public sealed record ContactDto(
    [Required, StringLength(200)] string Name,
    [EmailAddress, StringLength(256)] string? Email,
    [StringLength(50)] string? Phone,
    [StringLength(100)] string? Role);

/// <summary>A customer, a supplier, or both: whom the company sells to and buys from.</summary>
/// <param name="PaymentTermDays">Days from an invoice's date to its due date.</param>
/// <param name="CreditLimit">The most a customer may owe on open orders and invoices; null: no limit.</param>
/// <param name="DefaultPriceListId">The price list that applies to the customer when none of their own is valid.</param>
/// <param name="Extra">
/// The fields administrators gave partners (<c>/api/low-code/extensions/catalog.partner</c>), by name; in the catalog's own
/// answers, not in what other plugins read through <see cref="ICatalogPartners"/>.
/// </param>
public sealed record PartnerDto(
    Guid Id, Guid CompanyId, string Number, string Name, bool IsCustomer, bool IsSupplier, string? TaxId, string? Email, string? Phone,
    string Currency, int PaymentTermDays, decimal? CreditLimit, bool Active, IReadOnlyList<AddressDto> Addresses, IReadOnlyList<ContactDto> Contacts,
    Guid? DefaultPriceListId, uint Version, JsonObject? Extra = null);

/// <param name="Extra">Values of the fields administrators gave partners, by name; one left out keeps its value.</param>
public sealed record SavePartnerRequest(
    [Required, StringLength(PartnerLimits.MaxNumber), RegularExpression(PartnerLimits.NumberPattern, ErrorMessage = "catalog.validation.partner-number")] string Number,
    [Required, StringLength(PartnerLimits.MaxName)] string Name,
    bool IsCustomer,
    bool IsSupplier,
    [StringLength(30)] string? TaxId,
    [EmailAddress, StringLength(256)] string? Email,
    [StringLength(50)] string? Phone,
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "validation.currency-code")] string Currency,
    [Range(0, 365)] int PaymentTermDays = 30,
    [Range(typeof(decimal), "0", ProductLimits.MaxPrice)] decimal? CreditLimit = null,
    bool Active = true,
    [MaxLength(PartnerLimits.MaxAddresses)] IReadOnlyList<AddressDto>? Addresses = null,
    [MaxLength(PartnerLimits.MaxContacts)] IReadOnlyList<ContactDto>? Contacts = null,
    Guid? DefaultPriceListId = null,
    uint Version = 0,
    JsonElement? Extra = null);

/// <summary>Which partners a list shows: all of every company the caller works in, unless narrowed.</summary>
/// <param name="Role">customer or supplier.</param>
public sealed record PartnerFilter(string? Search = null, Guid? CompanyId = null, string? Role = null, bool? Active = null);

/// <summary>Partners for other plugins (sales, invoicing), through the catalog's Contracts.</summary>
public interface ICatalogPartners
{
    /// <summary>The partner, if the caller can see it.</summary>
    Task<PartnerDto?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The partners of the caller's companies by name, a page at a time.</summary>
    Task<Page<PartnerDto>> ListAsync(PartnerFilter filter, int skip, int take, CancellationToken cancellationToken);
}

/// <summary>A partner as a printed document (quotation, delivery note, invoice) addresses them.</summary>
/// <param name="Address">The default address of the kind the document needs, else the first of that kind, else any.</param>
/// <param name="Email">Where documents are mailed: the partner's address, else the first contact's that has one.</param>
public sealed record DocumentParty(string Number, string Name, string? TaxId, AddressDto? Address, string? Email)
{
    public static DocumentParty Of(PartnerDto partner, AddressKind kind)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var address = partner.Addresses.Where(a => a.Kind == kind).OrderByDescending(a => a.IsDefault).FirstOrDefault() ?? (partner.Addresses.Count > 0 ? partner.Addresses[0] : null);
        return new(partner.Number, partner.Name, partner.TaxId, address, partner.Email ?? partner.Contacts.FirstOrDefault(c => c.Email is not null)?.Email);
    }

    public static DocumentParty Sample { get; } =
        new("C-1001", "Fabrikam GmbH", "DE811907980", new AddressDto(AddressKind.Billing, "Hauptstraße 5", "10115", "Berlin", "DE"), "buyer@fabrikam.example");
}
