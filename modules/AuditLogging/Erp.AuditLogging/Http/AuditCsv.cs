using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Erp.AuditLogging.Http;

/// <summary>
/// A search streamed as CSV (RFC 4180, UTF-8), one page of rows in memory at a time. Cells that a spreadsheet would run
/// as a formula (a user name such as <c>=HYPERLINK(…)</c>) are escaped, since an audit export is opened by people.
/// </summary>
internal static class AuditCsv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static PushStreamHttpResult Stream<T>(IAsyncEnumerable<T> rows, string fileName) => TypedResults.Stream(async body =>
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        await using var csv = new CsvWriter(writer, Configuration);
        await csv.WriteRecordsAsync(rows);
    }, "text/csv; charset=utf-8", fileName);

    /// <summary>An entity change as one CSV row: its properties as one JSON cell.</summary>
    public static async IAsyncEnumerable<EntityChangeCsvRow> Flat(IAsyncEnumerable<EntityChangeDto> changes)
    {
        await foreach (var c in changes)
        {
            yield return new EntityChangeCsvRow(c.Id, c.OccurredAt, c.EntityType, c.EntityId, c.CompanyId, c.ChangeType.ToString(),
                JsonSerializer.Serialize(c.Properties, JsonSerializerOptions.Web), c.UserId, c.ActorName, c.ClientId, c.TraceId);
        }
    }
}

internal sealed record EntityChangeCsvRow(
    Guid Id, DateTimeOffset OccurredAt, string EntityType, string? EntityId, Guid? CompanyId, string ChangeType, string Properties, Guid? UserId, string? ActorName,
    string? ClientId, string? TraceId);
