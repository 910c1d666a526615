using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Erp.LowCode.Application;
using Erp.LowCode.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniExcelLibs;

namespace Erp.LowCode.Http;

/// <summary>
/// Records streamed as a file: the id and the columns. CSV (RFC 4180, UTF-8) writes each value as an import reads it back
/// (invariant numbers, ISO dates) and escapes cells a spreadsheet would run as a formula: an export is opened by people.
/// XLSX keeps numbers, dates and yes/no typed, and its cells are values, never formulas.
/// </summary>
internal static class RecordFiles
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    public static PushStreamHttpResult Csv(IReadOnlyList<FieldDefinition> columns, IAsyncEnumerable<Dictionary<string, object?>> records, string fileName) =>
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
                foreach (var column in columns) csv.WriteField(ValueText.Of(record.GetValueOrDefault(column.Name)));
                await csv.NextRecordAsync();
            }
        }, "text/csv; charset=utf-8", fileName);

    // The workbook is written (on a worker thread: the writer pulls rows synchronously) to a temporary file, page by page
    // as the records are read, then streamed: memory stays flat however long the list, and the response is written
    // asynchronously, as the server requires.
    public static PushStreamHttpResult Xlsx(IReadOnlyList<FieldDefinition> columns, IAsyncEnumerable<Dictionary<string, object?>> records, string fileName) =>
        TypedResults.Stream(async body =>
        {
            await using var file = new FileStream(Path.Combine(Path.GetTempPath(), $"erp-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var names = columns.Select(c => c.Name).Prepend("id").ToArray();
            IEnumerable<IDictionary<string, object?>> Rows()
            {
                yield return names.ToDictionary(n => n, object? (n) => n); // the header, as a row: an empty list still names its columns
                foreach (var record in records.ToBlockingEnumerable())
                    yield return names.ToDictionary(n => n, n => Cell(n == "id" ? record["id"]?.ToString() : record.GetValueOrDefault(n)));
            }

            await Task.Run(() => file.SaveAs(Rows(), printHeader: false, excelType: ExcelType.XLSX));
            file.Position = 0;
            await file.CopyToAsync(body);
        }, ImportFiles.XlsxContentType, fileName);

    private static object? Cell(object? value) => value switch
    {
        string[] or Money => ValueText.Of(value),
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset at => at.UtcDateTime,
        _ => value,
    };
}
