using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Incompatible, duplicate, broken or failing plugins are refused or marked failed; the host keeps serving the rest.</summary>
public sealed class PluginFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BrokenPlugins_AreRefusedWithReasons_WhileTheHostServesTheRest()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["Faulty:FailIn"] = "ConfigureServices",
        });
        TestPlugins.CopyPlugin(TestPlugins.Sample, Path.Combine(host.PluginsPath, "Erp.Sample.Copy"));
        TestPlugins.CopyPlugin(TestPlugins.Faulty, Path.Combine(host.PluginsPath, "Erp.Faulty"));
        WritePlugin(host, "future", """{ "id": "Erp.Future", "version": "1.0.0", "assembly": "Erp.Sample.dll", "hostVersion": ">=99.0.0" }""");
        WritePlugin(host, "garbled", """{ "id": "Erp.Garbled", "version": """);
        WritePlugin(host, "orphan", """{ "id": "Erp.Orphan", "version": "1.0.0", "assembly": "Erp.Sample.dll", "hostVersion": "*", "dependsOn": { "Erp.Missing": "*" } }""");
        WritePlugin(host, "cycle-a", """{ "id": "Erp.CycleA", "version": "1.0.0", "assembly": "Erp.Sample.dll", "hostVersion": "*", "dependsOn": { "Erp.CycleB": "*" } }""");
        WritePlugin(host, "cycle-b", """{ "id": "Erp.CycleB", "version": "1.0.0", "assembly": "Erp.Sample.dll", "hostVersion": "*", "dependsOn": { "Erp.CycleA": "*" } }""");
        WritePlugin(host, "no-assembly", """{ "id": "Erp.NoAssembly", "version": "1.0.0", "assembly": "Erp.NoAssembly.dll", "hostVersion": "*" }""");
        WritePlugin(host, "future-sdk", """{ "id": "Erp.FutureSdk", "version": "1.0.0", "assembly": "Erp.Sample.dll", "hostVersion": "*", "ui": { "sdk": 2, "entry": "screens.js", "screens": [{ "route": "board", "element": "acme-board" }] } }""");
        Directory.CreateDirectory(Path.Combine(host.PluginsPath, "future-sdk", "wwwroot"));
        File.WriteAllText(Path.Combine(host.PluginsPath, "future-sdk", "wwwroot", "screens.js"), "export {};");
        WritePlugin(host, "lost-screen", """{ "id": "Erp.LostScreen", "version": "1.0.0", "assembly": "Erp.Sample.dll", "hostVersion": "*", "ui": { "sdk": 1, "entry": "gone.js", "screens": [{ "route": "board", "element": "acme-board" }] } }""");
        using var client = await host.CreateSignedInClientAsync();

        var plugins = (await (await client.GetAsync("/api/plugins", Ct)).ReadAsync<Plugin[]>()).ToDictionary(p => Path.GetFileName(p.Folder));
        plugins["Erp.Sample"].Status.ShouldBe("Loaded");
        plugins["Erp.Sample.Copy"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("duplicate id"));
        plugins["future"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("needs host version >=99.0.0"));
        plugins["garbled"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("not valid JSON"));
        plugins["orphan"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("'Erp.Missing', which is not loaded"));
        plugins["cycle-a"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("cycle"), p => p.Reason!.ShouldContain("Erp.CycleB"));
        plugins["cycle-b"].Status.ShouldBe("Refused");
        plugins["no-assembly"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("Erp.NoAssembly.dll"));
        plugins["future-sdk"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("need plugin SDK 2"));
        plugins["lost-screen"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Refused"), p => p.Reason!.ShouldContain("'gone.js' is not in the plugin's wwwroot/"));
        plugins["Erp.Faulty"].ShouldSatisfyAllConditions(p => p.Status.ShouldBe("Failed"), p => p.Reason!.ShouldContain("ConfigureServices"));

        (await client.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/faulty/ping", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Migrate_WithAPluginFailingInConfigureServices_MigratesTheRest_ExitsWith3_AndLogsTheExceptionWhole()
    {
        var database = await TestDatabases.CreateEmptyAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample, TestPlugins.Faulty], settings: new Dictionary<string, string?>
        {
            ["Faulty:FailIn"] = "ConfigureServices",
        });

        var (exitCode, output) = await host.RunCommandAsync("migrate");

        exitCode.ShouldBe(3, output); // the README's run command starts the host on 3, with a warning
        output.ShouldContain("Migration complete; 1 plugin(s) not migrated.");
        output.ShouldContain("Plugin Erp.Faulty failed: ConfigureServices threw: Faulty plugin fails in ConfigureServices");
        output.ShouldContain("at Erp.Faulty.FaultyModule.ConfigureServices", customMessage: "the stack trace, for the plugin's author");
        (await PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM sample.currencies")).ShouldBeGreaterThan(0, "the sample plugin was migrated and seeded");
    }

    [Theory]
    [InlineData("Production", "{\"@t\":")] // a JSON object per line, for the log pipeline
    [InlineData("Development", "[")] // a line of text, for a person: "[03:10:26 ERR] Plugin Erp.Faulty failed: …"
    public async Task TheLog_IsJsonInProduction_AndTextInDevelopment(string environment, string failureLine)
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample, TestPlugins.Faulty], environment, new Dictionary<string, string?>
        {
            ["Faulty:FailIn"] = "ConfigureServices",
        });

        var (_, output) = await host.RunCommandAsync("migrate");

        // The log's line, not the command's own summary of it.
        output.Split('\n').ShouldContain(line => line.Contains("ConfigureServices threw") && line.StartsWith(failureLine, StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("ConfigureServices", 404, null)] // its endpoints were never mapped
    [InlineData("Initialize", 404, "plugin-unavailable")] // mapped, and stopped with the reason
    public async Task AFailedPlugin_LeavesNothingBehind_WhicheverStepItFailedIn(string failIn, int status, string? problem)
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample, TestPlugins.Faulty], settings: new Dictionary<string, string?>
        {
            ["Faulty:FailIn"] = failIn,
        });
        using var client = await host.CreateSignedInClientAsync();

        var faulty = (await (await client.GetAsync("/api/plugins", Ct)).ReadAsync<Plugin[]>()).Single(p => p.Id == "Erp.Faulty");
        faulty.Status.ShouldBe("Failed");
        faulty.Reason!.ShouldContain(failIn);
        var ping = await client.GetAsync("/api/faulty/ping", Ct);
        if (problem is null) ping.StatusCode.ShouldBe((HttpStatusCode)status);
        else await ping.ShouldBeProblemAsync((HttpStatusCode)status, problem);
        (await FaultyDefinitionsAsync(client)).ShouldBe(new FaultyDefinitions(false, false, false, false));
        (await client.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var anonymous = host.CreateClient();
        (await anonymous.GetAsync("/api/faulty/ping", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a stranger learns nothing of the plugin");
    }

    [Fact]
    public async Task AnInstanceWhosePluginFailed_DropsItsDefinitions_WhileAnotherInstanceKeepsServingIt()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var healthy = new ErpHost(database, [TestPlugins.Sample, TestPlugins.Faulty]);
        await using var failed = new ErpHost(database, [TestPlugins.Sample, TestPlugins.Faulty], settings: new Dictionary<string, string?>
        {
            ["Faulty:FailIn"] = "Initialize",
        });
        using var healthyClient = await healthy.CreateSignedInClientAsync();
        using var failedClient = await failed.CreateSignedInClientAsync();

        // The healthy instance reads the permission catalog first; the instances share the cache (Redis) and the
        // database, so what one instance caches must not carry its plugins into the other.
        (await FaultyDefinitionsAsync(healthyClient)).ShouldBe(new FaultyDefinitions(true, true, true, true));
        (await FaultyDefinitionsAsync(failedClient)).ShouldBe(new FaultyDefinitions(false, false, false, false));
        (await FaultyDefinitionsAsync(healthyClient)).ShouldBe(new FaultyDefinitions(true, true, true, true));

        (await healthyClient.GetAsync("/api/faulty/ping", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await failedClient.GetAsync("/api/faulty/ping", Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "plugin-unavailable");
    }

    /// <summary>Which of the faulty plugin's definitions the caller (the administrator) sees.</summary>
    private sealed record FaultyDefinitions(bool Granted, bool InPermissionTree, bool InSettings, bool InMenu);

    private static async Task<FaultyDefinitions> FaultyDefinitionsAsync(HttpClient client)
    {
        var config = await client.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        var tree = await client.GetFromJsonAsync<JsonElement>($"/api/permissions/grants?kind=User&key={config.GetProperty("user").GetProperty("id")}", Ct);
        var settings = await client.GetFromJsonAsync<JsonElement>("/api/settings/global", Ct);
        return new FaultyDefinitions(
            config.GetProperty("permissions").EnumerateArray().Any(p => p.GetString() == "Faulty.Ping"),
            tree.EnumerateArray().Any(g => g.GetProperty("permissions").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Faulty.Ping")),
            settings.EnumerateArray().Any(g => g.GetProperty("settings").EnumerateArray().Any(f => f.GetProperty("name").GetString() == "Faulty.Greeting")),
            config.GetProperty("menu").ToString().Contains("/faulty/ping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APluginDefiningABuiltInModulesSetting_FailsAlone_NamingIt()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Sample, TestPlugins.Faulty], settings: new Dictionary<string, string?>
        {
            ["Faulty:FailIn"] = "Settings",
        });
        using var client = await host.CreateSignedInClientAsync();

        var faulty = (await (await client.GetAsync("/api/plugins", Ct)).ReadAsync<Plugin[]>()).Single(p => p.Id == "Erp.Faulty");
        faulty.Status.ShouldBe("Failed");
        faulty.Reason!.ShouldContain("'AuditLogging.RetentionDays' (defined by Erp.AuditLogging)");
        (await client.GetAsync("/api/settings/global", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static void WritePlugin(ErpHost host, string folder, string manifest)
    {
        var path = Path.Combine(host.PluginsPath, folder);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "plugin.json"), manifest);
        // A real assembly, so only the manifest can be the reason for refusal.
        File.Copy(Path.Combine(TestPlugins.BuiltFolder(TestPlugins.Sample), "Erp.Sample.dll"), Path.Combine(path, "Erp.Sample.dll"));
    }
}
