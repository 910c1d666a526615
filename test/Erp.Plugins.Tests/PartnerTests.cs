using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>The catalog's customers and suppliers over HTTP: addresses and contacts kept with them, company by company.</summary>
public sealed class PartnerTests(CatalogTests.Fixture fixture) : IClassFixture<CatalogTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APartner_KeepsItsAddressesAndContacts_AndIsListedByRole()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Partners");
        var acme = Partner("C-1001", "Acme Corp", customer: true, supplier: false) with
        {
            CreditLimit = 5000m,
            Addresses = [new("Billing", "Hauptstr. 1", "10115", "Berlin", "DE", true), new("Shipping", "Lager 3", "10117", "Berlin", "DE", true)],
            Contacts = [new("Ada Buyer", "ada@acme.test", "+49 30 1", "Purchasing")],
        };
        var created = await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", acme);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.DescribeAsync());
        var read = await created.ReadAsync<JsonElement>();
        read.GetProperty("addresses").GetArrayLength().ShouldBe(2);
        read.GetProperty("addresses")[1].GetProperty("kind").GetString().ShouldBe("Shipping");
        read.GetProperty("contacts")[0].GetProperty("email").GetString().ShouldBe("ada@acme.test");
        read.GetProperty("creditLimit").GetDecimal().ShouldBe(5000m);

        var changed = await SendAsync(company, HttpMethod.Put, $"/api/catalog/partners/{read.GetProperty("id").GetGuid()}",
            acme with { IsSupplier = true, Contacts = [], Version = read.GetProperty("version").GetUInt32() });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.DescribeAsync());
        (await changed.ReadAsync<JsonElement>()).GetProperty("contacts").GetArrayLength().ShouldBe(0);
        await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", Partner("S-2001", "Bolts Ltd", customer: false, supplier: true));

        (await NumbersAsync(company, "role=customer")).ShouldBe(["C-1001"]);
        (await NumbersAsync(company, "role=supplier")).ShouldBe(["C-1001", "S-2001"]);
        (await NumbersAsync(company, "search=bolts")).ShouldBe(["S-2001"]);
    }

    [Fact]
    public async Task BadPartners_AreRefusedWithProblems_AndNothingIsWritten()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Bad partners");
        await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", Partner("C-1", "First", customer: true, supplier: false));

        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", Partner("C-2", "Nobody", customer: false, supplier: false)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.partner.without-role");
        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", Partner("C-3", "Two defaults", customer: true, supplier: false) with
        {
            Addresses = [new("Billing", "A 1", "1", "X", "DE", true), new("Billing", "B 2", "2", "Y", "DE", true)],
        })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.partner.default-addresses");
        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", Partner("C-1", "Again", customer: true, supplier: false)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.partner.number-taken");
        var invalid = await (await SendAsync(company, HttpMethod.Post, "/api/catalog/partners", Partner("c 4", "Invalid", customer: true, supplier: false) with
        {
            PaymentTermDays = 400, CreditLimit = -1, Email = "not-mail",
            Addresses = [new("Billing", "", "1", "X", "Germany", false)],
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ShouldBe(
            ["number", "paymenttermdays", "creditlimit", "email", "addresses[0].street", "addresses[0].country"], ignoreOrder: true);

        (await NumbersAsync(company, "")).ShouldBe(["C-1"]);
    }

    [Fact]
    public async Task AnotherCompanysPartners_CannotBeSeen_AndNumbersAreUniquePerCompany()
    {
        var ours = await fixture.Admin.CreateCompanyAsync("Our partners");
        var theirs = await fixture.Admin.CreateCompanyAsync("Their partners");
        var created = await (await SendAsync(ours, HttpMethod.Post, "/api/catalog/partners", Partner("C-9", "Ours", customer: true, supplier: false))).ReadAsync<JsonElement>();

        (await NumbersAsync(theirs, "")).ShouldBeEmpty();
        (await SendAsync(theirs, HttpMethod.Post, "/api/catalog/partners", Partner("C-9", "Theirs", customer: true, supplier: false))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/partners/{created.GetProperty("id").GetGuid()}", ours)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> SendAsync(Guid company, HttpMethod method, string url, object body) => fixture.Admin.SendInCompanyAsync(method, url, company, body);

    // The administrator works in every company: the list is narrowed to one.
    private async Task<string[]> NumbersAsync(Guid company, string query) =>
        [.. (await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/partners?companyId={company}&{query}", company)).ReadAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("number").GetString()!).Order()];

    private static PartnerRequest Partner(string number, string name, bool customer, bool supplier) =>
        new(number, name, customer, supplier, "DE123456789", null, null, "EUR", 30, null, true, [], [], 0);

    private sealed record PartnerRequest(
        string Number, string Name, bool IsCustomer, bool IsSupplier, string? TaxId, string? Email, string? Phone, string Currency, int PaymentTermDays,
        decimal? CreditLimit, bool Active, Address[] Addresses, Contact[] Contacts, uint Version);

    private sealed record Address(string Kind, string Street, string PostalCode, string City, string Country, bool IsDefault);

    private sealed record Contact(string Name, string? Email, string? Phone, string? Role);
}
