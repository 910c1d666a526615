using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>The catalog plugin over HTTP: products and their category tree, company by company.</summary>
public sealed class CatalogTests(CatalogTests.Fixture fixture) : IClassFixture<CatalogTests.Fixture>
{
    private const string Password = "Clerk-Pass-2026!";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AProduct_IsCreatedWithTheCompanysDefaults_ChangedWithItsVersion_FoundAndDeleted()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Products");
        var unit = await fixture.Admin.SendInCompanyAsync(HttpMethod.Put, "/api/settings/company/Catalog", company,
            new { values = new Dictionary<string, string?> { ["Catalog.DefaultUnit"] = "kg" } });
        unit.StatusCode.ShouldBe(HttpStatusCode.NoContent, await unit.DescribeAsync());
        var tools = await CreateCategoryAsync(company, "Tools", null);

        var created = await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("HAM-1", "Hammer", tools));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.DescribeAsync());
        var hammer = await created.ReadAsync<JsonElement>();
        hammer.GetProperty("unit").GetString().ShouldBe("kg", "the company's default unit");
        hammer.GetProperty("taxCategory").GetString().ShouldBe("standard", "the global default tax category");
        hammer.GetProperty("kind").GetString().ShouldBe("Stocked");
        var id = hammer.GetProperty("id").GetGuid();

        var changed = await SaveAsync(company, HttpMethod.Put, $"/api/catalog/products/{id}",
            Product("HAM-1", "Claw hammer", tools) with { SalesPrice = 14.5m, Version = hammer.GetProperty("version").GetUInt32() });
        (await changed.ReadAsync<JsonElement>()).GetProperty("salesPrice").GetDecimal().ShouldBe(14.5m);
        await (await SaveAsync(company, HttpMethod.Put, $"/api/catalog/products/{id}", Product("HAM-1", "Stale", tools) with { Version = hammer.GetProperty("version").GetUInt32() }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");

        await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("SAW-1", "Saw", tools));
        await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("SRV-1", "Sharpening", null) with { Kind = "Service", Active = false });
        (await ListAsync(company, "?search=ham")).ShouldBe(["HAM-1"]);
        (await ListAsync(company, $"?categoryId={tools}")).ShouldBe(["HAM-1", "SAW-1"]);
        (await ListAsync(company, "?active=false")).ShouldBe(["SRV-1"]);
        (await ListAsync(company, "?skip=1&take=1")).ShouldBe(["SAW-1"]);
        (await ListAsync(company, "?search=%25")).ShouldBeEmpty("LIKE's own characters match themselves");

        (await fixture.Admin.SendInCompanyAsync(HttpMethod.Delete, $"/api/catalog/products/{id}", company)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/products/{id}", company)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.product.not-found");
    }

    [Fact]
    public async Task BadProducts_AreRefusedWithProblems_AndNothingIsWritten()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Refusals");
        await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("NAIL-1", "Nail", null));

        var negative = await (await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("NAIL-2", "Nail", null) with { SalesPrice = -1 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        FieldsOf(negative).ShouldBe(["salesprice"]);
        var malformed = await (await SaveAsync(company, HttpMethod.Post, "/api/catalog/products",
            Product("nail 3", "Nail", null) with { Unit = "Kilo gram", Currency = "euro", TaxCategory = "luxury" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        FieldsOf(malformed).ShouldBe(["sku", "unit", "currency", "taxcategory"], ignoreOrder: true);
        await (await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("NAIL-4", "Nail", Guid.NewGuid())))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "catalog.category.not-found");
        await (await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("NAIL-1", "Another nail", null)))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.product.sku-taken");

        (await ListAsync(company, "")).ShouldBe(["NAIL-1"]);
    }

    [Fact]
    public async Task TheCategoryTree_KeepsNamesUniqueAmongSiblings_HasNoCycles_AndDeletesOnlyEmptyCategories()
    {
        var company = await fixture.Admin.CreateCompanyAsync("Tree");
        var garden = await CreateCategoryAsync(company, "Garden", null);
        var tools = await CreateCategoryAsync(company, "Tools", garden);
        var spades = await CreateCategoryAsync(company, "Spades", tools);
        await CreateCategoryAsync(company, "Tools", null); // the same name under another parent

        await (await SaveAsync(company, HttpMethod.Post, "/api/catalog/categories", new { name = "Tools", parentId = garden }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.category.name-taken");
        await (await SaveAsync(company, HttpMethod.Put, $"/api/catalog/categories/{garden}", new { name = "Garden", parentId = spades, version = await VersionOfCategoryAsync(company, garden) }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.category.cycle");
        await SaveAsync(company, HttpMethod.Post, "/api/catalog/products", Product("SPADE-1", "Spade", spades));
        await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Delete, $"/api/catalog/categories/{tools}", company))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "catalog.category.not-empty");

        var moved = await SaveAsync(company, HttpMethod.Put, $"/api/catalog/categories/{spades}", new { name = "Spades", parentId = garden, version = await VersionOfCategoryAsync(company, spades) });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.DescribeAsync());
        (await fixture.Admin.SendInCompanyAsync(HttpMethod.Delete, $"/api/catalog/categories/{tools}", company)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AnotherCompanysProducts_CannotBeSeenOrChanged_NorItsCategoriesUsed()
    {
        var ours = await fixture.Admin.CreateCompanyAsync("Ours");
        var theirs = await fixture.Admin.CreateCompanyAsync("Theirs");
        var created = await (await SaveAsync(ours, HttpMethod.Post, "/api/catalog/products", Product("OWN-1", "Ours", null))).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var ourCategory = await CreateCategoryAsync(ours, "Ours only", null);
        using var clerk = await MemberOfAsync(theirs, CatalogPermissions);

        (await clerk.GetFromJsonAsync<JsonElement>("/api/catalog/products", Ct)).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await clerk.GetAsync($"/api/catalog/products/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.PutAsJsonAsync($"/api/catalog/products/{id}", Product("OWN-1", "Taken over", null) with { Version = created.GetProperty("version").GetUInt32() }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.DeleteAsync($"/api/catalog/products/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.PostAsJsonAsync("/api/catalog/products", Product("THEIRS-1", "In our category", ourCategory), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.PostAsJsonAsync("/api/catalog/categories", new { name = "Under ours", parentId = ourCategory }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clerk.PostAsJsonAsync("/api/catalog/products", Product("OWN-1", "Theirs", null), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created, "a SKU is unique per company");
        // An administrator working in both: the second company's OWN-1 is no clash with the first's.
        (await SaveAsync(theirs, HttpMethod.Post, "/api/catalog/products", Product("OWN-2", "Theirs too", null))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/products/{id}", ours)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ScalarNamesAsync(id)).ShouldBe("Ours", "the product is as it was");
    }

    [Fact]
    public async Task WithoutTheCatalogsPermissions_ProductsCannotBeReadOrWritten()
    {
        var company = await fixture.Admin.CreateCompanyAsync("No catalog");
        using var client = await MemberOfAsync(company, []);

        (await client.GetAsync("/api/catalog/products", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync("/api/catalog/products", Product("HACK-1", "Hack", null), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PostAsJsonAsync("/api/catalog/categories", new { name = "Hack" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static readonly string[] CatalogPermissions = ["Catalog.Products", "Catalog.Products.Manage"];

    private static string[] FieldsOf(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant())];

    /// <summary>A user who works in <paramref name="company"/> only, holding <paramref name="permissions"/>.</summary>
    private async Task<HttpClient> MemberOfAsync(Guid company, string[] permissions)
    {
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..8];
        var userId = await fixture.Host.CreateUserAsync(fixture.Admin, userName, Password);
        (await fixture.Admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = permissions }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fixture.Admin.PutAsJsonAsync($"/api/companies/{company}/members", new { addUsers = new[] { userId } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return await fixture.Host.CreateSignedInClientAsync(userName, Password);
    }

    private Task<string> ScalarNamesAsync(Guid id) => PostgresServer.ScalarAsync<string>(fixture.Database, $"SELECT name FROM catalog.products WHERE id = '{id}'");

    private static ProductRequest Product(string sku, string name, Guid? categoryId) =>
        new(sku, name, null, categoryId, null, "Stocked", 12.9m, 7.25m, "EUR", null, true, 0);

    private Task<HttpResponseMessage> SaveAsync(Guid company, HttpMethod method, string url, object body) =>
        fixture.Admin.SendInCompanyAsync(method, url, company, body);

    private async Task<Guid> CreateCategoryAsync(Guid company, string name, Guid? parentId)
    {
        var response = await SaveAsync(company, HttpMethod.Post, "/api/catalog/categories", new { name, parentId });
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<uint> VersionOfCategoryAsync(Guid company, Guid id) =>
        (await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, "/api/catalog/categories", company)).ReadAsync<JsonElement>())
            .EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == id).GetProperty("version").GetUInt32();

    // The administrator works in every company: the list is narrowed to one.
    private async Task<string[]> ListAsync(Guid company, string query) =>
        [.. (await (await fixture.Admin.SendInCompanyAsync(HttpMethod.Get, $"/api/catalog/products?companyId={company}&{query.TrimStart('?')}", company)).ReadAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("sku").GetString()!)];

    private sealed record ProductRequest(string Sku, string Name, string? Description, Guid? CategoryId, string? Unit, string Kind, decimal SalesPrice,
        decimal PurchasePrice, string Currency, string? TaxCategory, bool Active, uint Version);

    /// <summary>A host with the catalog plugin, migrated, and its administrator signed in.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ErpHost Host { get; private set; } = null!;
        public HttpClient Admin { get; private set; } = null!;
        public string Database { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            Database = await TestDatabases.CreateMigratedAsync();
            Host = new ErpHost(Database, [TestPlugins.Catalog]);
            await Host.MigrateAsync();
            Admin = await Host.CreateSignedInClientAsync();
        }

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }
}
