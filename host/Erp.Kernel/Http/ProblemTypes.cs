using Erp.Kernel.Domain;

namespace Erp.Kernel.Http;

/// <summary>
/// The problem codes the kernel itself uses and the title of each. Module codes
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

    /// <summary>A deletion the database refused because other records refer to the record (a foreign key).</summary>
    public const string RecordInUse = "record-in-use";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RateLimited = "rate-limited";
    public const string Unexpected = "unexpected";
    public const string DatabaseUnavailable = "database-unavailable";

    /// <summary>A statement met a table whose columns changed type since the connection prepared it: transient, retry.</summary>
    public const string SchemaChanged = "schema-changed";
    public const string PluginUnavailable = "plugin-unavailable";
    public const string ServiceUnavailable = "service-unavailable";

    // Codes with a title of their own; any other takes its status's title. Titles are texts: "title.<code>".
    private static readonly HashSet<string> OwnTitles = [Validation, BadRequest, ConcurrencyConflict, DatabaseUnavailable, PluginUnavailable];

    private static readonly Dictionary<int, string> ByStatus = new()
    {
        [400] = BadRequest,
        [401] = Unauthenticated,
        [403] = Forbidden,
        [404] = NotFound,
        [405] = MethodNotAllowed,
        [409] = Conflict,
        [413] = PayloadTooLarge,
        [415] = UnsupportedMediaType,
        [422] = "unprocessable",
        [429] = RateLimited,
        [500] = Unexpected,
        [503] = ServiceUnavailable,
    };

    /// <summary>The code used when nothing more specific is known about a response with <paramref name="status"/>.</summary>
    public static string DefaultCode(int status) => ByStatus.TryGetValue(status, out var known) ? known : $"http-{status}";

    /// <summary>The title of <paramref name="code"/>, else of its status, else the generic one, as a text to translate.</summary>
    public static LocalizableText Title(string code, int status) =>
        new(OwnTitles.Contains(code) ? $"title.{code}" : ByStatus.TryGetValue(status, out var known) ? $"title.{known}" : "title.other");
}
