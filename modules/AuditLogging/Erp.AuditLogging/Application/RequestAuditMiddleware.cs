using System.Diagnostics;
using Erp.AuditLogging.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.AuditLogging.Application;

/// <summary>
/// Records each request that changed something (any method but GET, HEAD and OPTIONS), failed (4xx, 5xx), or read an
/// endpoint marked <c>.AuditReads()</c>; with the <c>AuditLogging.RecordSuccessfulReads</c> setting, every request.
/// Health probes never. It wraps the whole pipeline, so requests that authentication, authorization or rate limiting
/// turn away are recorded too, with the endpoint, user and client address the inner middleware established.
/// </summary>
internal sealed class RequestAuditMiddleware(RequestDelegate next, RequestAuditQueue queue, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        var startedAt = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        Exception? escaped = null;
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            escaped = e;
            throw;
        }
        finally
        {
            var exception = escaped ?? context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var status = escaped is null ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
            if (await ShouldRecordAsync(context, status, exception))
                queue.Enqueue(Record(context, startedAt, Stopwatch.GetElapsedTime(started), status, exception));
        }
    }

    private static async ValueTask<bool> ShouldRecordAsync(HttpContext context, int status, Exception? exception)
    {
        if (exception is not null || status >= 400 || !IsRead(context.Request.Method)) return true;
        if (context.GetEndpoint()?.Metadata.GetMetadata<AuditReadsMetadata>() is not null) return true;
        return await context.RequestServices.GetRequiredService<ISettingProvider>()
            .GetYesNoAsync(AuditLoggingSettings.RecordSuccessfulReads, context.RequestAborted);
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static RequestRecord Record(HttpContext context, DateTimeOffset startedAt, TimeSpan duration, int status, Exception? exception)
    {
        var caller = context.RequestServices.GetRequiredService<ICurrentUser>();
        // As written, without the slash a group's root route ends in ("/api/sample/currencies/"): "/api/sample/currencies".
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var company = context.RequestServices.GetService<ICurrentCompany>()?.Id;
        return new RequestRecord(startedAt, caller.UserId, caller.ActorName(), caller.ClientId, company, context.Connection.RemoteIpAddress,
            context.Request.Method, route is null ? null : Truncate("/" + route.Trim('/'), 400), Truncate(context.Request.Path.Value ?? "/", 2000),
            status, duration.TotalMilliseconds, exception is null ? null : Truncate($"{exception.GetType().FullName}: {exception.Message}", 4000),
            Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>Puts <see cref="RequestAuditMiddleware"/> around the host's whole pipeline, which module middleware (after authorization) cannot be.</summary>
internal sealed class RequestAuditStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestAuditMiddleware>();
        next(app);
    };
}
