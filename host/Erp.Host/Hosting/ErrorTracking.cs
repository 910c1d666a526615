using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Erp.Kernel.Hosting;
using Erp.Kernel.Security;
using Sentry;
using Sentry.AspNetCore;
using Sentry.Extensibility;
using Sentry.Extensions.Logging;

namespace Erp.Host.Hosting;

/// <summary>
/// Errors to Sentry when <c>Sentry:Dsn</c> is set (any <c>Sentry:*</c> option of the SDK may be set beside it): what the
/// host answers with a 5xx (the exception handler's own error log and the exception it handled), errors logged outside
/// requests (jobs, deliveries), and crashes. Each event carries the release (<c>erp@&lt;host version&gt;</c>), the
/// environment and the signed-in user's id, and nothing else of the person: no name, e-mail, address, cookies or
/// request body; credentials in headers, messages and exception texts are replaced before anything leaves. Answers
/// below 500 (a refused rule, a missing record, bad input) are the caller's business, never an error here.
/// </summary>
internal static partial class ErrorTracking
{
    public const string DsnSetting = "Sentry:Dsn";

    private const string Filtered = "[Filtered]";

    // The request being answered, if any (an async-local, so right wherever the SDK captures).
    private static readonly HttpContextAccessor Request = new();

    // Header names whose values are credentials, wherever they appear.
    private static readonly string[] SecretHeaders = ["Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Proxy-Authorization"];

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[DsnSetting]);

    public static void AddErpErrorTracking(this WebApplicationBuilder builder)
    {
        if (IsEnabled(builder.Configuration)) UseSentry(builder);
    }

    // Its own method, never inlined: the runtime loads Sentry's assemblies when it prepares a method that names their types,
    // so an installation without a DSN does not load (or keep in memory) any of them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseSentry(WebApplicationBuilder builder)
    {
        var environment = builder.Environment.EnvironmentName;
        builder.Services.AddHttpContextAccessor(); // what Request reads
        // Serilog hands its events on to the logger providers, of which Sentry's is then the only one (the console is
        // Serilog's); cleared before UseSentry, which registers its provider at once.
        builder.Logging.ClearProviders();
        builder.WebHost.UseSentry(o =>
        {
            o.Environment ??= environment.ToLowerInvariant();
            o.Release ??= $"erp@{ErpComposition.HostVersion}";
            o.SendDefaultPii = false;
            o.MaxRequestBodySize = RequestSize.None;
            o.MinimumEventLevel = LogLevel.Error;
            o.AddExceptionFilter(new AnsweredBelow500());
            // A 5xx's request line says again what its exception's event says.
            o.AddLogEntryFilter((category, _, _, _) => category == "Serilog.AspNetCore.RequestLoggingMiddleware");
            o.SetBeforeSend(Scrub);
        });
    }

    private static SentryEvent? Scrub(SentryEvent sentryEvent, SentryHint hint)
    {
        foreach (var header in SecretHeaders)
        {
            if (sentryEvent.Request.Headers.ContainsKey(header)) sentryEvent.Request.Headers[header] = Filtered;
        }

        sentryEvent.Request.Cookies = null;
        if (sentryEvent.Request.QueryString is { } query) sentryEvent.Request.QueryString = Credentials().Replace(query, "$1=" + Filtered);
        if (sentryEvent.Message is { } message)
        {
            message.Formatted = ScrubText(message.Formatted);
            message.Message = ScrubText(message.Message);
        }

        foreach (var exception in sentryEvent.SentryExceptions ?? []) exception.Value = ScrubText(exception.Value);
        // The signed-in user's id and nothing else (the SDK would otherwise name the machine's installation): read as the
        // event is captured, in the request, once authorization has put the caller's principal on it.
        var userId = Request.HttpContext?.User is { } principal ? CallerClaims.Of(principal).Subject : null;
        sentryEvent.User = userId is null ? new SentryUser() : new SentryUser { Id = userId };
        return sentryEvent;
    }

    private static string? ScrubText(string? text) => text is null ? null : Bearer().Replace(Credentials().Replace(text, "$1=" + Filtered), "Bearer " + Filtered);

    // password=..., pwd: ..., secret=..., token=..., api_key=..., access_token=... (connection strings, query strings, messages).
    [GeneratedRegex(@"(?i)\b(password|pwd|secret|client_secret|token|access_token|refresh_token|api[-_]?key)\s*[=:]\s*[^;&\s,""']+")]
    private static partial Regex Credentials();

    [GeneratedRegex(@"(?i)\bBearer\s+[A-Za-z0-9\-._~+/]+=*")]
    private static partial Regex Bearer();

    /// <summary>
    /// An exception the host answered with less than 500 (the exception handler turned it into a 4xx problem) is the
    /// caller's mistake or a rule the caller broke: Sentry's middleware would report every one it sees handled.
    /// </summary>
    private sealed class AnsweredBelow500 : IExceptionFilter
    {
        // The middleware reports what was handled once the pipeline has answered, so the status is the answer's.
        public bool Filter(Exception ex) => Request.HttpContext?.Response.StatusCode is >= 400 and < 500;
    }
}
