using Erp.Kernel.Security;
using Serilog;
using Serilog.Core;
using Serilog.Events;

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

/// <summary>
/// The caller on every log event written inside a request once it is authenticated, and on the request's own line:
/// <c>UserId</c> for a user, <c>ClientId</c> for an integration client on its own behalf (ids, never names or addresses).
/// Read when an event is written, so the requests that log nothing (nearly all, at the production level) pay nothing;
/// pushed onto Serilog's log context instead, the ids cost every authenticated request four execution-context changes.
/// </summary>
internal sealed class CallerEnricher(IHttpContextAccessor http) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (http.HttpContext?.User is not { } principal) return;
        var caller = CallerClaims.Of(principal);
        if (caller.UserId is { } userId) logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("UserId", userId));
        if (caller.ClientId is { } clientId) logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("ClientId", clientId));
    }
}
