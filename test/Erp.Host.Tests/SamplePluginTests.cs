using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>The sample plugin, built apart and dropped into the plugins folder, loads, migrates, seeds and serves,
/// and the kernel's building blocks work through it: rules, domain events, auditing, soft delete, concurrency.</summary>
public sealed class SamplePluginTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly HttpClient _client = fixture.Client;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SamplePlugin_IsListedAsLoaded_AndServesItsSeededData()
    {
        var plugins = await (await _client.GetAsync("/api/plugins", Ct)).ReadAsync<Plugin[]>();
        plugins.ShouldContain(p => p.Id == "Erp.Sample" && p.Status == "Loaded" && p.Version == "1.0.0");

        var currencies = await (await _client.GetAsync("/api/sample/currencies", Ct)).ReadAsync<Currency[]>();
        currencies.ShouldContain(c => c.Code == "EUR" && c.IsBase);
    }

    [Fact]
    public async Task ThePluginHost_SaysWhatPluginsAreCheckedAgainst_OnlyToThoseWhoMaySeePlugins()
    {
        var host = await (await _client.GetAsync("/api/plugins/host", Ct)).ReadAsync<PluginHost>();

        host.Version.ShouldBe(Erp.Kernel.Hosting.ErpComposition.HostVersion.ToNormalizedString());
        host.Version.ShouldNotContain("+", customMessage: "a version plugins compare with, without the build's commit");
        host.PluginSdkVersions.ShouldBe([1]);
        host.PluginsPath.ShouldBe(fixture.Host.PluginsPath);
        using var anonymous = fixture.Host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        (await anonymous.GetAsync("/api/plugins/host", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_StampsCreationTime_AndCanBeReadBack()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var response = await _client.PostJsonAsync("/api/sample/currencies", new { code = "SEK", name = "Swedish krona", decimalPlaces = 2 });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<Currency>();
        created.CreatedAt.ShouldBeGreaterThan(before);
        created.Version.ShouldNotBe(0u);

        var read = await (await _client.GetAsync(response.Headers.Location, Ct)).ReadAsync<Currency>();
        read.Name.ShouldBe("Swedish krona");
    }

    [Fact]
    public async Task Create_WithTakenCode_Is409_AndWritesNothing()
    {
        var count = await CountAsync("SELECT count(*) FROM sample.currencies");
        var response = await _client.PostJsonAsync("/api/sample/currencies", new { code = "EUR", name = "Another euro", decimalPlaces = 2 });
        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "sample.currency.code-taken");
        (await CountAsync("SELECT count(*) FROM sample.currencies")).ShouldBe(count);
    }

    [Fact]
    public async Task Rename_RecordsHistoryThroughDomainEvent_AndStampsModification()
    {
        var currency = await CreateAsync("NOK");
        var response = await _client.PutAsJsonAsync($"/api/sample/currencies/{currency.Id}/name", new { name = "Norwegian krone", version = currency.Version }, Ct);
        var renamed = await response.ReadAsync<Currency>();
        renamed.Name.ShouldBe("Norwegian krone");
        renamed.ModifiedAt.ShouldNotBeNull();
        renamed.Version.ShouldNotBe(currency.Version);

        var history = await (await _client.GetAsync($"/api/sample/currencies/{currency.Id}/name-history", Ct)).ReadAsync<NameChange[]>();
        history.ShouldHaveSingleItem().ShouldBe(new NameChange("Currency NOK", "Norwegian krone"));
    }

    [Fact]
    public async Task Rename_WithStaleVersion_Is409ConcurrencyConflict_AndWritesNothing()
    {
        var currency = await CreateAsync("DKK");
        (await _client.PutAsJsonAsync($"/api/sample/currencies/{currency.Id}/name", new { name = "First", version = currency.Version }, Ct))
            .EnsureSuccessStatusCode();

        var stale = await _client.PutAsJsonAsync($"/api/sample/currencies/{currency.Id}/name", new { name = "Second", version = currency.Version }, Ct);
        await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "concurrency-conflict");

        var read = await (await _client.GetAsync($"/api/sample/currencies/{currency.Id}", Ct)).ReadAsync<Currency>();
        read.Name.ShouldBe("First");
        (await CountAsync($"SELECT count(*) FROM sample.currency_name_changes WHERE currency_id = '{currency.Id}'")).ShouldBe(1);
    }

    [Fact]
    public async Task Delete_SoftDeletes_SoTheCurrencyIsGoneButTheRowStays()
    {
        var currency = await CreateAsync("PLN");
        (await _client.DeleteAsync($"/api/sample/currencies/{currency.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await _client.GetAsync($"/api/sample/currencies/{currency.Id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "sample.currency.not-found");
        (await CountAsync($"SELECT count(*) FROM sample.currencies WHERE id = '{currency.Id}' AND is_deleted AND deleted_at IS NOT NULL")).ShouldBe(1);
    }

    [Fact]
    public async Task Delete_OfBaseCurrency_BreaksRule()
    {
        var euro = (await (await _client.GetAsync("/api/sample/currencies", Ct)).ReadAsync<Currency[]>()).Single(c => c.IsBase);
        await (await _client.DeleteAsync($"/api/sample/currencies/{euro.Id}", Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "sample.currency.base-currency-delete");
        (await CountAsync($"SELECT count(*) FROM sample.currencies WHERE id = '{euro.Id}' AND NOT is_deleted")).ShouldBe(1);
    }

    private async Task<Currency> CreateAsync(string code)
    {
        var response = await _client.PostJsonAsync("/api/sample/currencies", new { code, name = $"Currency {code}", decimalPlaces = 2 });
        return await response.ReadAsync<Currency>();
    }

    private Task<long> CountAsync(string sql) => PostgresServer.ScalarAsync<long>(fixture.Database, sql);
}
