using System.Net;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>
/// Price lists and the price a customer pays: their own valid list first (quantity breaks, validity dates), then their
/// default list, then the product's price.
/// </summary>
public sealed class PriceListTests(CatalogTests.Fixture fixture) : IClassFixture<CatalogTests.Fixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Fact]
    public async Task ACustomersPrice_ComesFromTheirOwnValidList_ThenTheirDefaultList_ThenTheProduct()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Prices");
        var bolt = await CreateAsync(company, "/api/catalog/products", Product("BOLT-1", salesPrice: 1.00m));
        var nut = await CreateAsync(company, "/api/catalog/products", Product("NUT-1", salesPrice: 0.50m));
        var wholesale = await CreateAsync(company, "/api/catalog/price-lists", PriceList("Wholesale", null, null, null, (bolt, 0, 0.80m)));
        var acme = await CreateAsync(company, "/api/catalog/partners", Customer("C-1", wholesale));
        var walkIn = await CreateAsync(company, "/api/catalog/partners", Customer("C-2", null));
        await CreateAsync(company, "/api/catalog/price-lists", PriceList("Acme 2026", acme, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            (bolt, 0, 0.75m), (bolt, 100, 0.60m), (bolt, 1000, 0.50m)));
        await CreateAsync(company, "/api/catalog/price-lists", PriceList("Acme 2027", acme, new DateOnly(2027, 1, 1), null, (bolt, 0, 0.70m)));

        (await PriceAsync(company, bolt, acme, 1, Today)).ShouldBe((0.75m, "CustomerPriceList"));
        (await PriceAsync(company, bolt, acme, 100, Today)).ShouldBe((0.60m, "CustomerPriceList"), "the quantity break from 100");
        (await PriceAsync(company, bolt, acme, 999, Today)).ShouldBe((0.60m, "CustomerPriceList"));
        (await PriceAsync(company, bolt, acme, 5000, Today)).ShouldBe((0.50m, "CustomerPriceList"));
        (await PriceAsync(company, bolt, acme, 1, new DateOnly(2027, 3, 1))).ShouldBe((0.70m, "CustomerPriceList"), "next year's list");
        (await PriceAsync(company, bolt, acme, 1, new DateOnly(2025, 6, 1))).ShouldBe((0.80m, "DefaultPriceList"), "none of their own is valid yet");
        (await PriceAsync(company, nut, acme, 1, Today)).ShouldBe((0.50m, "Product"), "no list prices nuts");
        (await PriceAsync(company, bolt, walkIn, 1, Today)).ShouldBe((1.00m, "Product"));
        (await PriceAsync(company, bolt, null, 1, Today)).ShouldBe((1.00m, "Product"));
    }

    [Fact]
    public async Task BadPriceLists_AreRefused_AndWhatListsNameCannotBeDeleted()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Bad lists");
        var other = await fixture.Admin.CreateCompanyAsync("Other lists");
        var bolt = await CreateAsync(company, "/api/catalog/products", Product("BOLT-1", salesPrice: 1m));
        var foreign = await CreateAsync(other, "/api/catalog/products", Product("BOLT-9", salesPrice: 1m));
        var supplier = await CreateAsync(company, "/api/catalog/partners", Customer("S-1", null) with { IsCustomer = false, IsSupplier = true });

        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/price-lists", PriceList("Backwards", null, new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1), (bolt, 0, 1m))))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.price-list.dates");
        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/price-lists", PriceList("Twice", null, null, null, (bolt, 10, 1m), (bolt, 10, 2m))))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.price-list.duplicate-line");
        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/price-lists", PriceList("Supplier's", supplier, null, null, (bolt, 0, 1m))))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.price-list.not-for-customer");
        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/price-lists", PriceList("Foreign product", null, null, null, (foreign, 0, 1m))))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.product.not-found");
        await (await SendAsync(company, HttpMethod.Post, "/api/catalog/price-lists", PriceList("Negative", null, null, null, (bolt, -1, -2m))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await ListNamesAsync(company)).ShouldBeEmpty("nothing was written");

        var customer = await CreateAsync(company, "/api/catalog/partners", Customer("C-7", null));
        await CreateAsync(company, "/api/catalog/price-lists", PriceList("Theirs", customer, null, null, (bolt, 0, 0.9m)));
        await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Delete, $"/api/catalog/products/{bolt}", company)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.product.in-use");
        await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Delete, $"/api/catalog/partners/{customer}", company)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.partner.in-use");
        await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/prices?productId={foreign}&day=2026-12-04", company))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.product.not-found");
    }

    private async Task<(decimal, string)> PriceAsync(Guid company, Guid product, Guid? customer, decimal quantity, DateOnly day)
    {
        var url = $"/api/catalog/prices?productId={product}&quantity={quantity}&day={day:yyyy-MM-dd}" + (customer is { } c ? $"&customerId={c}" : "");
        var price = await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, url, company)).ReadAsync<JsonElement>();
        return (price.GetProperty("unitPrice").GetDecimal(), price.GetProperty("source").GetString()!);
    }

    private Task<HttpResponseMessage> SendAsync(Guid company, HttpMethod method, string url, object body) => fixture.Admin.SendInCompanyAsync(method, url, company, body);

    private async Task<Guid> CreateAsync(Guid company, string url, object body)
    {
        var response = await SendAsync(company, HttpMethod.Post, url, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.DescribeAsync());
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<string[]> ListNamesAsync(Guid company) =>
        [.. (await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/price-lists?companyId={company}", company)).ReadAsync<JsonElement>())
            .EnumerateArray().Select(l => l.GetProperty("name").GetString()!)];

    private static object Product(string sku, decimal salesPrice) =>
        new { sku, name = sku, kind = "Stocked", salesPrice, purchasePrice = 0m, currency = "EUR" };

    private static object PriceList(string name, Guid? customerId, DateOnly? validFrom, DateOnly? validTo, params (Guid Product, decimal MinQuantity, decimal UnitPrice)[] lines) =>
        new { name, currency = "EUR", customerId, validFrom, validTo, lines = lines.Select(l => new { productId = l.Product, minQuantity = l.MinQuantity, unitPrice = l.UnitPrice }) };

    private static CustomerRequest Customer(string number, Guid? defaultPriceListId) => new(number, number, true, false, "EUR", defaultPriceListId);

    private sealed record CustomerRequest(string Number, string Name, bool IsCustomer, bool IsSupplier, string Currency, Guid? DefaultPriceListId);
}
