namespace Erp.Kernel.Http;

/// <summary>
/// The problem codes the kernel itself uses and the fixed title of each. Module codes
/// (<c>module.entity.rule</c>) take the title of their status. Clients branch on <c>code</c>, never on text.
/// </summary>
public static class ProblemTypes
{
    public const string Validation = "validation";
    public const string BadRequest = "bad-request";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string ConcurrencyConflict = "concurrency-conflict";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RateLimited = "rate-limited";
    public const string Unexpected = "unexpected";
    public const string DatabaseUnavailable = "database-unavailable";
    public const string PluginUnavailable = "plugin-unavailable";
    public const string ServiceUnavailable = "service-unavailable";

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [Validation] = "The request is not valid",
        [BadRequest] = "The request could not be read",
        [ConcurrencyConflict] = "The resource was changed by someone else",
        [DatabaseUnavailable] = "The database is unavailable",
        [PluginUnavailable] = "The plugin serving this endpoint is unavailable",
    };

    private static readonly Dictionary<int, (string Code, string Title)> ByStatus = new()
    {
        [400] = (BadRequest, "The request could not be read"),
        [401] = (Unauthenticated, "Authentication is required"),
        [403] = (Forbidden, "You do not have permission for this"),
        [404] = (NotFound, "The resource was not found"),
        [405] = (MethodNotAllowed, "The method is not allowed on this resource"),
        [409] = (Conflict, "Business rule violated"),
        [413] = (PayloadTooLarge, "The request body is too large"),
        [415] = (UnsupportedMediaType, "The media type is not supported"),
        [422] = ("unprocessable", "The request cannot be processed"),
        [429] = (RateLimited, "Too many requests"),
        [500] = (Unexpected, "An unexpected error occurred"),
        [503] = (ServiceUnavailable, "The service is unavailable"),
    };

    /// <summary>The code used when nothing more specific is known about a response with <paramref name="status"/>.</summary>
    public static string DefaultCode(int status) => ByStatus.TryGetValue(status, out var known) ? known.Code : $"http-{status}";

    /// <summary>The fixed title of <paramref name="code"/>, else of its status.</summary>
    public static string Title(string code, int status) =>
        Titles.TryGetValue(code, out var title) ? title
        : ByStatus.TryGetValue(status, out var known) ? known.Title
        : "The request failed";
}
