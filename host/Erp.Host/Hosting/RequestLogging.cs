using Erp.Kernel.Security;
using Serilog;
using Serilog.Context;

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

    /// <summary>
    /// The caller on the request's log lines from authorization on, and on its own line: <c>UserId</c> for a user,
    /// <c>ClientId</c> for an integration client on its own behalf (ids, never names or addresses).
    /// </summary>
    public static void UseErpLogCaller(this WebApplication app) => app.Use((context, next) =>
    {
        var caller = context.RequestServices.GetRequiredService<ICurrentUser>();
        return caller.UserId is null && caller.ClientId is null ? next(context) : LoggedAsync(context, next, caller.UserId, caller.ClientId);
    });

    private static async Task LoggedAsync(HttpContext context, RequestDelegate next, Guid? userId, string? clientId)
    {
        var request = context.RequestServices.GetRequiredService<IDiagnosticContext>();
        if (userId is not null) request.Set("UserId", userId);
        if (clientId is not null) request.Set("ClientId", clientId);
        using var user = userId is null ? null : LogContext.PushProperty("UserId", userId);
        using var client = clientId is null ? null : LogContext.PushProperty("ClientId", clientId);
        await next(context);
    }
}
