using Erp.Kernel.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Testing;

/// <summary>
/// The real host (its <c>Program</c>), in the Production environment unless told otherwise, on a database of
/// the test server, with a plugins folder of its own holding copies of the chosen test plugins.
/// </summary>
public sealed class ErpHost : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    public ErpHost(string database, IEnumerable<string> plugins, string environment = "Production", IDictionary<string, string?>? settings = null)
    {
        _environment = environment;
        PluginsPath = TestPlugins.CreateFolder(plugins);
        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ErpDbContextOptions.ConnectionStringName}"] = PostgresServer.For(database),
            ["Plugins:Path"] = PluginsPath,
            // Host logs would drown the test report; failures show in assertions.
            ["Serilog:MinimumLevel:Default"] = "Fatal",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Fatal",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Fatal",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>The host's own plugins folder; tests may add plugin folders before the host starts.</summary>
    public string PluginsPath { get; }

    /// <summary>Applies every module's migrations and seeders with the host's own migrator.</summary>
    public Task MigrateAsync(bool includeDemoData = false) =>
        Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(includeDemoData, _ => { }, CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(PluginsPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>The plugins built for tests, copied by the build into <c>TestPlugins/</c> beside the test binaries.</summary>
public static class TestPlugins
{
    public const string Sample = "Erp.Sample";
    public const string Faulty = "Erp.Faulty";

    public static string BuiltFolder(string plugin) => Path.Combine(AppContext.BaseDirectory, "TestPlugins", plugin);

    public static string CreateFolder(IEnumerable<string> plugins)
    {
        var folder = Path.Combine(Path.GetTempPath(), "erp-plugins-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var plugin in plugins) CopyPlugin(plugin, Path.Combine(folder, plugin));
        return folder;
    }

    public static void CopyPlugin(string plugin, string destination)
    {
        var source = BuiltFolder(plugin);
        if (!Directory.Exists(source)) throw new InvalidOperationException($"Test plugin {plugin} was not built into {source}.");
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
    }
}
