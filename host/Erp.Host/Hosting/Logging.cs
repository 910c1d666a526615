using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;

namespace Erp.Host.Hosting;

/// <summary>
/// Serilog, one JSON object per line on stdout: every line carries the trace and span ids (<c>@tr</c>,
/// <c>@sp</c>) and, inside a request, the <c>RequestId</c> and <c>RequestPath</c> ASP.NET Core puts in scope and the
/// caller (<see cref="CallerEnricher"/>).
/// In Development, one line of text per event instead, for the person who ran the README's command.
/// Levels come from the <c>Serilog</c> configuration section.
/// </summary>
internal static class Logging
{
    public static void AddErpLogging(this WebApplicationBuilder builder)
    {
        // The static Log.Logger is left alone: several hosts may run in one process (integration tests).
        // With error tracking on, Serilog hands its events on to Sentry's logger provider (ErrorTracking).
        builder.Services.AddSerilog((services, logger) => Configure(logger, builder.Configuration, builder.Environment)
                .Enrich.With(new CallerEnricher(services.GetRequiredService<IHttpContextAccessor>())), preserveStaticLogger: true,
            writeToProviders: ErrorTracking.IsEnabled(builder.Configuration));
        var serilogFactory = builder.Services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(
            services => new CategoryCachingLoggerFactory((ILoggerFactory)serilogFactory.ImplementationFactory!(services))));
    }

    /// <summary>A logger for start-up work that runs before the container exists (plugin loading).</summary>
    public static Microsoft.Extensions.Logging.ILogger BootstrapLogger(this WebApplicationBuilder builder) =>
        new SerilogLoggerFactory(Configure(new LoggerConfiguration(), builder.Configuration, builder.Environment).CreateLogger(), dispose: true)
            .CreateLogger("Erp.Plugins");

    private static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, IHostEnvironment environment)
    {
        logger.ReadFrom.Configuration(configuration, ReaderOptions(configuration)).Enrich.FromLogContext();
        return environment.IsDevelopment()
            ? logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}  ({SourceContext}){NewLine}{Exception}", formatProvider: CultureInfo.InvariantCulture)
            : logger.WriteTo.Console(new RenderedCompactJsonFormatter());
    }

    /// <summary>
    /// Where sinks and enrichers named in the section come from: Serilog's assemblies that ship with the host (console,
    /// file, compact JSON) and any listed under <c>Serilog:Using</c>. Without a list, Serilog reads the dependency file and
    /// opens every file whose name says Serilog to find them, for each of the two loggers a start builds.
    /// </summary>
    private static ConfigurationReaderOptions ReaderOptions(IConfiguration configuration) => new(
    [
        typeof(Log).Assembly, typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(RenderedCompactJsonFormatter).Assembly,
        .. configuration.GetSection("Serilog:Using").GetChildren().Select(name => name.Value).OfType<string>().Select(name => Assembly.Load(new AssemblyName(name))),
    ]);
}

/// <summary>
/// Serilog's factory builds a new logger (a contextual Serilog logger and its event-id cache) on every
/// <see cref="ILoggerFactory.CreateLogger"/>, where Microsoft's factory keeps one per category. Authentication handlers
/// and endpoint results ask for one on every request: on the authenticated read path that was an eighth of all
/// allocations (docs/platform-core.md). Categories are type names, so the cache stays small.
/// </summary>
internal sealed class CategoryCachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, Microsoft.Extensions.Logging.ILogger> _loggers = new(StringComparer.Ordinal);

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
