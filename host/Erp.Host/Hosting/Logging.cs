using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Erp.Host.Hosting;

/// <summary>
/// Serilog, one JSON object per line on stdout: every line carries the trace and span ids (<c>@tr</c>,
/// <c>@sp</c>) and, inside a request, the <c>RequestId</c> and <c>RequestPath</c> ASP.NET Core puts in scope.
/// Levels come from the <c>Serilog</c> configuration section.
/// </summary>
internal static class Logging
{
    public static void AddErpLogging(this WebApplicationBuilder builder)
    {
        // The static Log.Logger is left alone: several hosts may run in one process (integration tests).
        builder.Services.AddSerilog((services, logger) => Configure(logger, builder.Configuration), preserveStaticLogger: true);
    }

    /// <summary>A logger for start-up work that runs before the container exists (plugin loading).</summary>
    public static Microsoft.Extensions.Logging.ILogger BootstrapLogger(this WebApplicationBuilder builder) =>
        new SerilogLoggerFactory(Configure(new LoggerConfiguration(), builder.Configuration).CreateLogger(), dispose: true)
            .CreateLogger("Erp.Plugins");

    private static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration) =>
        logger.ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(new RenderedCompactJsonFormatter());
}
