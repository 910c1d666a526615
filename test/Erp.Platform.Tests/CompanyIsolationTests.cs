using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Company-owned data (the sample plugin's exchange rates) through the API: a member of company A never reads, changes or
/// deletes B's rows, writes only into companies they work in, and a request names only a company of theirs.
/// </summary>
public sealed class CompanyIsolationTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "Correct-Horse-42";
    private const string Rates = "/api/sample/exchange-rates";

    [Fact]
    public async Task AMemberOfOneCompany_NeverReadsNorChangesAnothersRows_AndWritesIntoTheirs()
    {
        var (a, b) = (await instances.AdminOnA.CreateCompanyAsync("Alpha"), await instances.AdminOnA.CreateCompanyAsync("Beta"));
        var rateOfA = await CreateRateAsync(instances.AdminOnA, a, "USD");
        var rateOfB = await CreateRateAsync(instances.AdminOnA, b, "CHF");
        using var member = await MemberOfAsync(a);

        var listed = await member.GetFromJsonAsync<JsonElement[]>(Rates, Ct);
        listed!.Select(r => r.GetProperty("id").GetGuid()).ShouldBe([rateOfA]);
        await (await member.GetAsync($"{Rates}/{rateOfB}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "sample.exchange-rate.not-found");
        await (await member.DeleteAsync($"{Rates}/{rateOfB}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "sample.exchange-rate.not-found");
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM sample.exchange_rates WHERE id = '{rateOfB}'")).ShouldBe(1);

        // Naming the other company is refused before anything runs; without a header the member works in A.
        await (await member.SendInCompanyAsync(HttpMethod.Post, Rates, b, new { currency = "GBP", rate = 1.1m, validFrom = "2026-12-01" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "company.forbidden");
        var created = await (await member.PostAsJsonAsync(Rates, new { currency = "GBP", rate = 1.1m, validFrom = "2026-12-01" }, Ct)).ReadAsync<JsonElement>();
        created.GetProperty("companyId").GetGuid().ShouldBe(a);
        (await PostgresServer.ScalarAsync<long>(instances.Database, $"SELECT count(*) FROM sample.exchange_rates WHERE currency = 'GBP' AND company_id = '{b}'")).ShouldBe(0);

        // Someone in both companies (the administrator works in all) lists both, each row naming its company.
        var both = (await instances.AdminOnA.GetFromJsonAsync<JsonElement[]>(Rates, Ct))!.Select(r => r.GetProperty("companyId").GetGuid()).ToArray();
        both.ShouldContain(a);
        both.ShouldContain(b);
    }

    [Fact]
    public async Task AUserInNoCompany_ReadsNoCompanyRows_AndCannotCreateOne()
    {
        await CreateRateAsync(instances.AdminOnA, await instances.AdminOnA.CreateCompanyAsync("Gamma"), "JPY");
        using var outsider = await MemberOfAsync();

        (await outsider.GetFromJsonAsync<JsonElement[]>(Rates, Ct))!.ShouldBeEmpty();
        await (await outsider.PostAsJsonAsync(Rates, new { currency = "SEK", rate = 0.09m, validFrom = "2026-12-01" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "company.none");
        (await PostgresServer.ScalarAsync<long>(instances.Database, "SELECT count(*) FROM sample.exchange_rates WHERE currency = 'SEK'")).ShouldBe(0);
    }

    [Fact]
    public async Task AUsersDefaultCompany_IsWhereTheirRequestsWork_OnEveryInstance()
    {
        var (d, e) = (await instances.AdminOnA.CreateCompanyAsync("Delta"), await instances.AdminOnA.CreateCompanyAsync("Epsilon"));
        using var member = await MemberOfAsync(d, e);
        (await member.PutAsJsonAsync("/api/companies/mine/default", new { companyId = e }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var created = await (await member.PostAsJsonAsync(Rates, new { currency = "NOK", rate = 0.085m, validFrom = "2026-12-01" }, Ct)).ReadAsync<JsonElement>();
        created.GetProperty("companyId").GetGuid().ShouldBe(e);
        var mine = await member.GetFromJsonAsync<JsonElement[]>("/api/companies/mine", Ct);
        mine!.Single(c => c.GetProperty("isCurrent").GetBoolean()).GetProperty("id").GetGuid().ShouldBe(e);
        await (await member.PutAsJsonAsync("/api/companies/mine/default", new { companyId = Guid.NewGuid() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "companies.member.not-a-member");
    }

    private static async Task<Guid> CreateRateAsync(HttpClient client, Guid company, string currency)
    {
        var created = await client.SendInCompanyAsync(HttpMethod.Post, Rates, company, new { currency, rate = 1.5m, validFrom = "2026-12-01" });
        return (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A new user who may read and manage exchange rates, a member of <paramref name="companies"/>, signed in on instance B.</summary>
    private async Task<HttpClient> MemberOfAsync(params Guid[] companies)
    {
        var userName = "member" + Guid.NewGuid().ToString("N")[..8];
        var userId = await instances.A.CreateUserAsync(instances.AdminOnA, userName, Password);
        (await instances.AdminOnA.PutAsJsonAsync("/api/permissions/grants", new
        {
            kind = "User", key = userId.ToString(), grant = new[] { "Sample.ExchangeRates", "Sample.ExchangeRates.Manage" },
        }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var company in companies)
        {
            (await instances.AdminOnA.PutAsJsonAsync($"/api/companies/{company}/members", new { addUsers = new[] { userId } }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        return await instances.B.CreateSignedInClientAsync(userName, Password);
    }
}
