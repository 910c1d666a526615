using Serilog;

namespace Erp.Host.Hosting;

internal static class RequestLogging
{
    /// <summary>One log line per request; health probes, which arrive every few seconds, only when they fail.</summary>
    public static void UseSerilogRequestLoggingWithoutHealthProbes(this WebApplication app) =>
        app.UseSerilogRequestLogging(o => o.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
            : context.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose
            : Serilog.Events.LogEventLevel.Information);
}
