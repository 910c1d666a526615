using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Erp.LowCode;

/// <summary>
/// A filter of a records query: a condition (<paramref name="Field"/>, <paramref name="Op"/>, <paramref name="Value"/>)
/// or a group (<paramref name="And"/>, <paramref name="Or"/>, <paramref name="Not"/>), exactly one of them. A field may
/// be one of a referenced record's: <c>customer.city</c>.
/// </summary>
/// <param name="Op">eq (the default), ne, lt, lte, gt, gte, between, in, not-in, contains, starts-with, is-null.</param>
/// <param name="Value">The value, typed as the field's (a JSON array for between, in and not-in; true or false for is-null).</param>
public sealed record RecordFilter(
    IReadOnlyList<RecordFilter>? And = null,
    IReadOnlyList<RecordFilter>? Or = null,
    RecordFilter? Not = null,
    [property: StringLength(127)] string? Field = null,
    [property: StringLength(20)] string? Op = null,
    JsonElement? Value = null);

/// <summary>A list of records asked for in a body: what <c>GET /api/data/{entity}</c> takes in its query string, and filter groups.</summary>
public sealed record RecordQueryRequest(
    RecordFilter? Filter = null,
    [property: StringLength(64)] string? Sort = null,
    [property: Range(0, 10_000)] int Skip = 0,
    [property: Range(0, 200)] int Take = 50,
    [property: StringLength(500)] string? Cursor = null,
    [property: MaxLength(200)] IReadOnlyList<string>? Fields = null,
    [property: MaxLength(20)] IReadOnlyList<string>? Expand = null,
    bool Count = false,
    [property: StringLength(200)] string? Search = null,
    bool Estimate = false);

/// <summary>
/// Records of one entity created, changed and deleted in one transaction (at most 500 together): each of
/// <paramref name="Create"/> as <c>POST</c> takes it, each of <paramref name="Update"/> as <c>PATCH</c> does with its
/// <c>id</c> and <c>version</c>, and the ids to <paramref name="Delete"/>.
/// </summary>
public sealed record BulkRecordsRequest(
    [property: MaxLength(500)] IReadOnlyList<JsonElement>? Create = null,
    [property: MaxLength(500)] IReadOnlyList<JsonElement>? Update = null,
    [property: MaxLength(500)] IReadOnlyList<Guid>? Delete = null);
