using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>Loggers are built once per category: Serilog's factory built one per call, on every request (docs/platform-core.md).</summary>
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
}
