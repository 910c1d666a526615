using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Erp.Testing;

/// <summary>
/// The exceptions behind the unexpected 500s of this process's test hosts, by trace id. A 500's body names only the
/// trace id (as in production, tested so); an assertion that meets one says what failed through <see cref="DescribeAsync"/>,
/// even where the host's log is not kept (a CI log's tail).
/// </summary>
public static partial class UnexpectedErrors
{
    private static readonly ConcurrentDictionary<string, Exception> ByTraceId = new();

    /// <summary>Records the exception of an unexpected 500 as its problem is written (ErpHost's problem details hook).</summary>
    internal static void Record(ProblemDetailsContext context)
    {
        if (context.Exception is not { } exception || context.ProblemDetails.Status != StatusCodes.Status500InternalServerError) return;
        var traceId = context.ProblemDetails.Extensions.TryGetValue("traceId", out var id) && id is string given ? given
            : Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        ByTraceId[traceId] = exception;
    }

    /// <summary>The response's body, followed by the host's exception when it is an unexpected 500 of a test host.</summary>
    public static async Task<string> DescribeAsync(this HttpResponseMessage response) => Describe(await response.Content.ReadAsStringAsync());

    /// <summary><paramref name="body"/>, a response's, followed by the host's exception when it is an unexpected 500 of a test host.</summary>
    public static string Describe(string body) =>
        TraceId().Match(body) is { Success: true } match && ByTraceId.TryGetValue(match.Groups[1].Value, out var exception)
            ? $"{body}\n    the host's exception: {exception}"
            : body;

    [GeneratedRegex("\"traceId\":\"([^\"]+)\"")]
    private static partial Regex TraceId();
}
