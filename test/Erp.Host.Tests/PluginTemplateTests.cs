using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Kernel.Modularity;
using Erp.Testing;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// A partner's path, outside the repository: the SDK packed into a local package folder, <c>dotnet new erp-plugin</c>,
/// the new plugin built and tested against those packages (no project reference), dropped into a host's plugins folder,
/// migrated by the host and called. And the host refusing that plugin built with an SDK it cannot run.
/// </summary>
public sealed class PluginTemplateTests(PluginTemplateTests.PartnerFolder partner) : IClassFixture<PluginTemplateTests.PartnerFolder>
{
    private const string PluginName = "Contoso.Fleet";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string HostVersion => typeof(ErpModule).Assembly.GetName().Version!.ToString(3);
    private static int HostMajor => typeof(ErpModule).Assembly.GetName().Version!.Major;

    private string PluginFolder => Path.Combine(partner.Path, PluginName);

    [Fact]
    public async Task APluginMadeFromTheTemplate_BuildsAgainstThePackedSdk_AndRunsInTheHost()
    {
        await RunAsync(PluginFolder, "test", "-c", "Release"); // builds the Contracts, the plugin and its tests, and runs them
        var output = Path.Combine(PluginFolder, "src", PluginName, "bin", "Release", "net10.0");
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "plugin.json"), Ct)).RootElement;
        manifest.GetProperty("id").GetString().ShouldBe(PluginName);
        manifest.GetProperty("hostVersion").GetString().ShouldBe($">={partner.SdkVersion} <{HostMajor + 1}.0.0");
        // The host has the kernel, ASP.NET Core and EF Core: the plugin ships only its own assemblies.
        Directory.GetFiles(output, "*.dll").Select(f => Path.GetFileName(f)).Order().ToArray().ShouldBe(["Contoso.Fleet.Contracts.dll", "Contoso.Fleet.dll"]);

        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [], settings: new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "true" });
        CopyFolder(output, Path.Combine(host.PluginsPath, PluginName));
        using var admin = await host.CreateSignedInClientAsync();

        var plugin = (await (await admin.GetAsync("/api/plugins", Ct)).ReadAsync<Plugin[]>()).Single(p => p.Id == PluginName);
        plugin.Status.ShouldBe("Loaded", plugin.Reason);
        var created = await admin.PostAsJsonAsync("/api/contoso-fleet/items", new { code = "VAN-1", name = "Delivery van" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.DescribeAsync());
        var items = await admin.GetFromJsonAsync<JsonElement>("/api/contoso-fleet/items", Ct);
        items.EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["Delivery van"]);
        await (await admin.PostAsJsonAsync("/api/contoso-fleet/items", new { code = "VAN-1", name = "Another van" }, Ct))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "contoso-fleet.item.code-taken");
        (await admin.PostAsJsonAsync("/api/contoso-fleet/items", new { code = "van 2", name = "" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var config = await admin.GetFromJsonAsync<JsonElement>("/api/app-config", Ct);
        config.GetProperty("screens").EnumerateArray().Select(s => s.GetProperty("element").GetString()).ShouldContain("contoso-fleet-items");
        config.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain("Contoso.Fleet.Items.Manage");
        (await PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM contoso_fleet.items")).ShouldBe(1);
    }

    [Fact]
    public async Task APluginBuiltWithANewerSdkMajor_IsRefused_NamingBothVersions()
    {
        var output = Path.Combine(partner.Path, "built-with-9");

        // As if built with Erp.Plugin.Sdk 9.0.0: the version its assembly is stamped with and its manifest's range follow.
        await RunAsync(Path.Combine(PluginFolder, "src", PluginName), "build", "-c", "Release", "-p:ErpSdkVersion=9.0.0", "-o", output);
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, []);
        CopyFolder(output, Path.Combine(host.PluginsPath, PluginName));
        using var admin = await host.CreateSignedInClientAsync();

        var plugin = (await (await admin.GetAsync("/api/plugins", Ct)).ReadAsync<Plugin[]>()).Single(p => p.Id == PluginName);
        plugin.Status.ShouldBe("Refused");
        plugin.Reason.ShouldBe($"built with Erp.Plugin.Sdk 9.0.0, which this host ({HostVersion}) cannot run: it runs plugins built with Erp.Plugin.Sdk {HostMajor}.x up to {HostVersion}");
        (await admin.GetAsync("/api/contoso-fleet/items", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// What a partner has after <c>etc/sdk/pack.sh</c>, <c>dotnet new install</c> and <c>dotnet new erp-plugin</c>, in a
    /// folder outside the repository, so nothing of its build (Directory.Build.props, central versions) reaches the plugin.
    /// </summary>
    public sealed class PartnerFolder : IAsyncLifetime
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"erp-template-{Guid.NewGuid():N}");

        /// <summary>A version of its own: NuGet's cache never hands out packages packed from an older state of the code.</summary>
        public string SdkVersion { get; } = $"{HostVersion}-test.{DateTime.UtcNow:yyyyMMddHHmmss}";

        public async ValueTask InitializeAsync()
        {
            var packages = System.IO.Path.Combine(Path, "packages");
            var repository = Testing.RepositoryRoot.Path;
            foreach (var project in new[] { "host/Erp.Kernel.Contracts", "host/Erp.Kernel", "sdk/Erp.Plugin.Sdk", "sdk/Erp.Plugin.Templates" })
                await RunAsync(repository, "pack", project, "-c", "Release", "--no-build", "-o", packages, $"-p:PackageVersion={SdkVersion}");

            var hive = System.IO.Path.Combine(Path, "templates"); // a template store of its own, not the machine's
            await RunAsync(Path, "new", "install", System.IO.Path.Combine(packages, $"Erp.Plugin.Templates.{SdkVersion}.nupkg"), "--debug:custom-hive", hive);
            var plugin = System.IO.Path.Combine(Path, PluginName);
            await RunAsync(Path, "new", "erp-plugin", "-n", PluginName, "-o", plugin, "--ErpVersion", SdkVersion, "--debug:custom-hive", hive);
            // The partner's feed: here the local package folder, beside the machine's own sources.
            await File.WriteAllTextAsync(System.IO.Path.Combine(plugin, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="erp-sdk" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
        }

        public ValueTask DisposeAsync()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return ValueTask.CompletedTask;
        }
    }

    private static async Task RunAsync(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', args)}\n{await output}\n{await errors}");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
