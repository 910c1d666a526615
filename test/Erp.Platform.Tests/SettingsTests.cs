using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Testing;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Settings as two instances serve them: the sample plugin defines a per-user currency (client-visible), a bounded whole
/// number, a choice and a secret. Each test owns the settings it changes (the fixture's database is shared).
/// </summary>
public sealed class SettingsTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASettingChangedThroughOneInstance_IsReadThroughTheOther_WithinASecond()
    {
        using var adminOnB = await instances.B.CreateSignedInClientAsync();
        (await ClientSettingAsync(adminOnB, "Sample.Rounding")).ShouldBeNull(); // not client-visible
        (await ReadOnB("Sample.MaxDecimals")).ShouldBe("2"); // B caches the global level

        await UpdateGlobalAsync(new() { ["Sample.MaxDecimals"] = "4" });

        var (value, elapsed) = await Eventually.ValueAsync(() => ReadOnB("Sample.MaxDecimals"), v => v == "4", TimeSpan.FromSeconds(1));
        value.ShouldBe("4", $"B still read {value} {elapsed.TotalMilliseconds:F0} ms after the change on A");
        var field = await GlobalFieldAsync("Sample.MaxDecimals");
        field.GetProperty("value").GetString().ShouldBe("4");
        field.GetProperty("source").GetString().ShouldBe("Global");

        await UpdateGlobalAsync(new() { ["Sample.MaxDecimals"] = null }); // cleared: the default applies again
        (await Eventually.ValueAsync(() => ReadOnB("Sample.MaxDecimals"), v => v == "2", TimeSpan.FromSeconds(1))).Value.ShouldBe("2");
        (await GlobalFieldAsync("Sample.MaxDecimals")).GetProperty("source").GetString().ShouldBe("Default");
    }

    [Fact]
    public async Task AScope_ReadsOneStateOfTheSettings_AndTheNextScopeTheChangedOne()
    {
        await using var scope = instances.B.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<ISettingProvider>();
        (await settings.GetAsync("Sample.Rounding", Ct)).ShouldBe("half-even");
        try
        {
            await UpdateGlobalAsync(new() { ["Sample.Rounding"] = "half-up", ["Sample.MaxDecimals"] = "3" });
            (await Eventually.ValueAsync(() => ReadOnB("Sample.Rounding"), v => v == "half-up", TimeSpan.FromSeconds(1))).Value.ShouldBe("half-up");

            // The scope read the global level once: its later reads, of any setting there, are of that same state.
            (await settings.GetAsync("Sample.Rounding", Ct)).ShouldBe("half-even");
            (await settings.GetAsync("Sample.MaxDecimals", Ct)).ShouldBe("2");
        }
        finally
        {
            await UpdateGlobalAsync(new() { ["Sample.Rounding"] = null, ["Sample.MaxDecimals"] = null });
        }
    }

    [Fact]
    public async Task ASecret_IsStoredEncrypted_NeverReturned_AndReadByItsModuleOnEveryInstance()
    {
        var secret = "rk_live_" + Guid.NewGuid().ToString("N");
        await UpdateGlobalAsync(new() { ["Sample.RatesApiKey"] = secret });

        var stored = await ScalarAsync<string>("select value from settings.values where name = 'Sample.RatesApiKey' and user_id is null");
        stored.ShouldNotContain(secret);
        stored.ShouldNotContain(secret[8..]);
        (await ScalarAsync<long>($"select count(*) from messaging.outbox_messages where payload::text like '%{secret[8..]}%'")).ShouldBe(0);

        var page = await (await instances.AdminOnA.GetAsync("/api/settings/global", Ct)).Content.ReadAsStringAsync(Ct);
        page.ShouldNotContain(secret[8..]);
        var field = await GlobalFieldAsync("Sample.RatesApiKey");
        field.GetProperty("isSet").GetBoolean().ShouldBeTrue();
        field.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        (await (await instances.AdminOnA.GetAsync("/api/app-config", Ct)).Content.ReadAsStringAsync(Ct)).ShouldNotContain(secret[8..]);

        (await ReadOnB("Sample.RatesApiKey")).ShouldBe(secret); // the other instance decrypts it with the shared keys
    }

    [Fact]
    public async Task AStoredSecretThatCannotBeDecrypted_IsAnErrorNamingTheSetting_NotAnEmptyValue()
    {
        await UpdateGlobalAsync(new() { ["Sample.RatesApiKey"] = "rk_test_" + Guid.NewGuid().ToString("N") });
        // As if restored from another deployment's backup, whose Data Protection keys this one does not have.
        await ExecuteAsync("update settings.values set value = 'CfDJ8' || md5(random()::text) where name = 'Sample.RatesApiKey' and user_id is null");
        await instances.A.Services.GetRequiredService<HybridCache>().RemoveAsync("settings:global", Ct);

        var failure = await Should.ThrowAsync<SettingUnreadableException>(() => ReadOnB("Sample.RatesApiKey"));
        failure.SettingName.ShouldBe("Sample.RatesApiKey");
        failure.Message.ShouldContain("Sample.RatesApiKey");
        // The admin page still renders: a secret is shown as set, never decrypted for it.
        (await GlobalFieldAsync("Sample.RatesApiKey")).GetProperty("isSet").GetBoolean().ShouldBeTrue();
        await UpdateGlobalAsync(new() { ["Sample.RatesApiKey"] = null });
    }

    [Fact]
    public async Task BadValues_AreA400NamingEachField_AndNothingIsWritten()
    {
        var response = await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Sample", new
        {
            values = new Dictionary<string, string?>
            {
                ["Sample.Rounding"] = "half-up", // valid, but the request fails as a whole
                ["Sample.MaxDecimals"] = "7",
                ["Sample.DefaultCurrency"] = "euro",
                ["Sample.NoSuchSetting"] = "1",
                ["Identity.Anything"] = "x",
            },
        }, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("Sample.MaxDecimals")[0].GetString().ShouldBe("At most 6.");
        errors.GetProperty("Sample.DefaultCurrency")[0].GetString()!.ShouldContain("ISO 4217");
        errors.TryGetProperty("Sample.NoSuchSetting", out _).ShouldBeTrue();
        errors.TryGetProperty("Identity.Anything", out _).ShouldBeTrue();
        errors.TryGetProperty("Sample.Rounding", out _).ShouldBeFalse();
        (await ScalarAsync<long>("select count(*) from settings.values where name = 'Sample.Rounding'")).ShouldBe(0);
        (await GlobalFieldAsync("Sample.Rounding")).GetProperty("value").GetString().ShouldBe("half-even");

        (await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Sample", new { values = new { Sample_MaxDecimals = 3 } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest); // a JSON number where a string is expected
        (await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Sample", new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await (await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Nowhere", new { values = new Dictionary<string, string>() }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "settings.group.unknown");
    }

    [Fact]
    public async Task AUsersOwnValue_AppliesToThemAlone_AndOnlyWhereTheSettingAllowsIt()
    {
        var userName = "user" + Guid.NewGuid().ToString("N")[..10];
        var userId = await instances.A.CreateUserAsync(instances.AdminOnA, userName, Password);
        using var user = await instances.B.CreateSignedInClientAsync(userName, Password);
        (await ClientSettingAsync(user, "Sample.DefaultCurrency")).ShouldBe("EUR");

        (await user.PutAsJsonAsync("/api/settings/mine", new { values = new Dictionary<string, string?> { ["Sample.DefaultCurrency"] = "CHF" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await ClientSettingAsync(user, "Sample.DefaultCurrency")).ShouldBe("CHF");
        (await ClientSettingAsync(instances.AdminOnA, "Sample.DefaultCurrency")).ShouldBe("EUR");
        var mine = JsonDocument.Parse(await user.GetStringAsync("/api/settings/mine", Ct)).RootElement;
        var own = mine.EnumerateArray().SelectMany(g => g.GetProperty("settings").EnumerateArray()).ToArray();
        // Only per-user settings: the language and time zone everyone may choose, and the sample's currency.
        own.Select(f => f.GetProperty("name").GetString()).ShouldBe(["Localization.Language", "Localization.TimeZone", "Sample.DefaultCurrency"], ignoreOrder: true);
        own.Single(f => f.GetProperty("name").GetString() == "Sample.DefaultCurrency").GetProperty("source").GetString().ShouldBe("User");
        (await ScalarAsync<long>($"select count(*) from settings.values where user_id = '{userId}'")).ShouldBe(1);

        // A global-only setting, and the global admin page, are not the user's to change.
        await (await user.PutAsJsonAsync("/api/settings/mine", new { values = new Dictionary<string, string?> { ["Sample.MaxDecimals"] = "3" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await user.PutAsJsonAsync("/api/settings/global/Sample", new { values = new Dictionary<string, string?> { ["Sample.MaxDecimals"] = "3" } }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await user.GetAsync("/api/settings/global", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ScalarAsync<long>("select count(*) from settings.values where name = 'Sample.MaxDecimals' and value = '3'")).ShouldBe(0);
    }

    [Fact]
    public async Task ACompanysValue_AppliesToRequestsInThatCompany_AboveGlobalAndBelowTheUsersOwn()
    {
        var (a, b) = (await instances.AdminOnA.CreateCompanyAsync("Settings A"), await instances.AdminOnA.CreateCompanyAsync("Settings B"));
        await UpdateGlobalAsync(new() { ["Sample.DefaultCurrency"] = "CHF" });
        (await SendAsync(HttpMethod.Put, "/api/settings/company/Sample", a, new { values = new Dictionary<string, string?> { ["Sample.DefaultCurrency"] = "USD" } }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await CompanyFieldAsync(a, "Sample.DefaultCurrency")).ShouldBe(("USD", "Company"));
        (await CompanyFieldAsync(b, "Sample.DefaultCurrency")).ShouldBe(("CHF", "Global"));
        (await ClientSettingAsync(a, "Sample.DefaultCurrency")).ShouldBe("USD"); // the admin has no value of their own
        (await ClientSettingAsync(b, "Sample.DefaultCurrency")).ShouldBe("CHF");
        (await ScalarAsync<long>($"select count(*) from settings.values where company_id = '{a}' and user_id is null")).ShouldBe(1);

        // A global-only setting takes no company value; nothing is written.
        await (await SendAsync(HttpMethod.Put, "/api/settings/company/Sample", a, new { values = new Dictionary<string, string?> { ["Sample.MaxDecimals"] = "3" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await ScalarAsync<long>($"select count(*) from settings.values where company_id = '{a}'")).ShouldBe(1);
        await UpdateGlobalAsync(new() { ["Sample.DefaultCurrency"] = null });
    }

    [Fact]
    public async Task AChange_IsPublishedAsSettingChanged_WithItsActor_AndWithoutTheValue()
    {
        await UpdateGlobalAsync(new() { ["Sample.Rounding"] = "half-up" });

        var payload = await ScalarAsync<string>("""
            select payload::text from messaging.outbox_messages
            where event_name like '%SettingChanged%' and payload->>'name' = 'Sample.Rounding' order by id desc limit 1
            """);
        var published = JsonDocument.Parse(payload).RootElement;
        published.GetProperty("actorName").GetString().ShouldBe(ErpHost.Admin);
        published.GetProperty("userId").ValueKind.ShouldBe(JsonValueKind.Null);
        payload.ShouldNotContain("half-up");
        await UpdateGlobalAsync(new() { ["Sample.Rounding"] = null });
    }

    private const string Password = "Correct-Horse-42";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Guid company, object? body = null) =>
        instances.AdminOnA.SendInCompanyAsync(method, url, company, body);

    private async Task<(string? Value, string? Source)> CompanyFieldAsync(Guid company, string name)
    {
        var groups = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/api/settings/company", company)).Content.ReadAsStringAsync(Ct)).RootElement;
        var field = groups.EnumerateArray().SelectMany(g => g.GetProperty("settings").EnumerateArray()).Single(f => f.GetProperty("name").GetString() == name);
        return (field.GetProperty("value").GetString(), field.GetProperty("source").GetString());
    }

    private async Task<string?> ClientSettingAsync(Guid company, string name)
    {
        var config = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/api/app-config", company)).Content.ReadAsStringAsync(Ct)).RootElement;
        return config.GetProperty("settings").GetProperty(name).GetString();
    }

    private async Task UpdateGlobalAsync(Dictionary<string, string?> values)
    {
        var response = await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Sample", new { values }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.DescribeAsync());
    }

    /// <summary>What the owning module's code reads on instance B, outside any request (as a job does).</summary>
    private async Task<string?> ReadOnB(string name)
    {
        await using var scope = instances.B.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISettingProvider>().GetAsync(name, Ct);
    }

    private async Task<JsonElement> GlobalFieldAsync(string name)
    {
        var groups = JsonDocument.Parse(await instances.AdminOnA.GetStringAsync("/api/settings/global", Ct)).RootElement;
        return groups.EnumerateArray().SelectMany(g => g.GetProperty("settings").EnumerateArray()).Single(f => f.GetProperty("name").GetString() == name);
    }

    private static async Task<string?> ClientSettingAsync(HttpClient client, string name)
    {
        var config = JsonDocument.Parse(await client.GetStringAsync("/api/app-config", Ct)).RootElement;
        return config.GetProperty("settings").TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    private Task<T> ScalarAsync<T>(string sql) => PostgresServer.ScalarAsync<T>(instances.Database, sql);

    private Task ExecuteAsync(string sql) => PostgresServer.ExecuteAsync(sql, instances.Database);
}
