using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Erp.LowCode.Http;

/// <summary>
/// Records streamed as CSV (RFC 4180, UTF-8): the id and the columns, each value as an import reads it back (invariant
/// numbers, ISO dates). Cells a spreadsheet would run as a formula are escaped: an export is opened by people.
/// </summary>
internal static class RecordCsv
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static PushStreamHttpResult Stream(IReadOnlyList<FieldDefinition> columns, IAsyncEnumerable<Dictionary<string, object?>> records, string fileName) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
            await using var csv = new CsvWriter(writer, Configuration);
            csv.WriteField("id");
            foreach (var column in columns) csv.WriteField(column.Name);
            await csv.NextRecordAsync();
            await foreach (var record in records)
            {
                csv.WriteField(record["id"]?.ToString());
                foreach (var column in columns) csv.WriteField(Text(record.GetValueOrDefault(column.Name)));
                await csv.NextRecordAsync();
            }
        }, "text/csv; charset=utf-8", fileName);

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        decimal number => number.ToString("0.########", CultureInfo.InvariantCulture), // numeric(28, 8) without its trailing zeros
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
