using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Configuration (<c>Settings:Module:Setting</c> for <c>Module.Setting</c>) is the level between a setting's default and its global value.</summary>
public sealed class ConfiguredSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConfiguredValue_AppliesUntilAnAdministratorSetsOne_AndAgainOnceItIsCleared()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
            settings: new Dictionary<string, string?> { ["Settings:Sample:MaxDecimals"] = "5" });
        using var admin = await host.CreateSignedInClientAsync();
        (await FieldAsync(admin)).ShouldBe(("5", "Configuration"));

        await PutAsync(admin, "1");
        (await FieldAsync(admin)).ShouldBe(("1", "Global"));

        await PutAsync(admin, null);
        (await FieldAsync(admin)).ShouldBe(("5", "Configuration"));
    }

    [Fact]
    public async Task AChangedConfiguredValue_AppliesOnceConfigurationReloads()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
            settings: new Dictionary<string, string?> { ["Settings:Sample:MaxDecimals"] = "5" });
        using var admin = await host.CreateSignedInClientAsync();
        (await FieldAsync(admin)).ShouldBe(("5", "Configuration"));

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Settings:Sample:MaxDecimals"] = "6";
        configuration.Reload(); // as an edited appsettings.json is reloaded

        (await FieldAsync(admin)).ShouldBe(("6", "Configuration"));
    }

    [Fact]
    public async Task ABadConfiguredValue_StopsTheHost_NamingTheKey()
    {
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample],
            settings: new Dictionary<string, string?> { ["Settings:Sample:MaxDecimals"] = "nine" });
        var error = Should.Throw<Exception>(() => host.CreateClient());
        error.GetBaseException().Message.ShouldContain("Settings:Sample:MaxDecimals: A whole number");
    }

    private static async Task PutAsync(HttpClient admin, string? value)
    {
        var response = await admin.PutAsJsonAsync("/api/settings/global/Sample", new { values = new Dictionary<string, string?> { ["Sample.MaxDecimals"] = value } }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.DescribeAsync());
    }

    private static async Task<(string? Value, string? Source)> FieldAsync(HttpClient admin)
    {
        var groups = JsonDocument.Parse(await admin.GetStringAsync("/api/settings/global", Ct)).RootElement;
        var field = groups.EnumerateArray().SelectMany(g => g.GetProperty("settings").EnumerateArray())
            .Single(f => f.GetProperty("name").GetString() == "Sample.MaxDecimals");
        return (field.GetProperty("value").GetString(), field.GetProperty("source").GetString());
    }
}
