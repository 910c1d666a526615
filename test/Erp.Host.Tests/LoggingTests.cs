using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// Loggers are built once per category: Serilog's factory built one per call, on every request (docs/platform-core.md).
/// Sinks come from the <c>Serilog</c> section as operators configure them.
/// </summary>
public sealed class LoggingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public void TheHostsLoggerFactory_GivesTheSameLoggerForACategory_AndLogsThroughSerilog()
    {
        var factory = fixture.Host.Services.GetRequiredService<ILoggerFactory>();

        var logger = factory.CreateLogger("Erp.Tests.Category");

        factory.CreateLogger("Erp.Tests.Category").ShouldBeSameAs(logger);
        factory.CreateLogger("Erp.Tests.Other").ShouldNotBeSameAs(logger);
        logger.GetType().FullName.ShouldBe("Serilog.Extensions.Logging.SerilogLogger");
    }

    [Fact]
    public async Task ASinkNamedInTheSerilogSection_Writes_WithoutListingItsAssembly()
    {
        // The file sink ships with the host: an operator names it in the environment and it writes, as it did when Serilog
        // searched the application's files for it.
        var path = Path.Combine(Path.GetTempPath(), $"erp-log-{Guid.NewGuid():N}.txt");
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information", ["Serilog:WriteTo:0:Name"] = "File", ["Serilog:WriteTo:0:Args:path"] = path,
            ["BackgroundJobs:WorkerCount"] = "0", ["Messaging:Concurrency"] = "0",
        };
        await using var host = new ErpHost(await TestDatabases.CreateMigratedAsync(), [TestPlugins.Sample], settings: settings);
        using var instance = host.StartProcess();
        try
        {
            await instance.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
            var (written, _) = await Eventually.ValueAsync(() => Task.FromResult(File.Exists(path) ? File.ReadAllText(path) : ""),
                text => text.Contains("Application started", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            written.ShouldContain("Application started");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
