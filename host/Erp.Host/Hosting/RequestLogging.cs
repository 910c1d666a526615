using Serilog;

namespace Erp.Host.Hosting;

internal static class RequestLogging
{
    /// <summary>One log line per request; health probes, which arrive every few seconds, only when they fail.</summary>
    public static void UseSerilogRequestLoggingWithoutHealthProbes(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // The host's logger, not the static one, which stays silent (see Logging).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
        });
}
