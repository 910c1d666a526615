using System.Globalization;
using CsvHelper;
using Erp.Kernel.Domain;
using Erp.LowCode.Domain;
using MiniExcelLibs;

namespace Erp.LowCode.Application;

/// <summary>The files an import reads: CSV (RFC 4180, UTF-8), or the first sheet of an Excel workbook (XLSX).</summary>
internal enum ImportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// A file's first line (the columns' names) and its rows as text, the same whichever format it came in: an XLSX cell
/// holding a number or a date reads as the CSV export writes one (invariant numbers, ISO dates), so one set of rules
/// checks every import.
/// </summary>
internal static class ImportFiles
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<(IReadOnlyList<string> Header, List<string?[]> Rows)> ReadAsync(Stream file, ImportFormat format, int maxRows, CancellationToken cancellationToken)
    {
        try
        {
            return format == ImportFormat.Xlsx ? await ReadXlsxAsync(file, maxRows, cancellationToken) : await ReadCsvAsync(file, maxRows, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is InvalidDataException or CsvHelperException or InvalidOperationException or NotSupportedException)
        {
            throw new InvalidFieldsException("file", LowCodeErrors.ImportFileInvalid);
        }
    }

    private static async Task<(IReadOnlyList<string>, List<string?[]>)> ReadCsvAsync(Stream file, int maxRows, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(file);
        using var reader = new CsvReader(text, CultureInfo.InvariantCulture);
        if (!await reader.ReadAsync() || !reader.ReadHeader()) throw new InvalidFieldsException("header", LowCodeErrors.ImportHeaderInvalid, "");
        var header = reader.HeaderRecord!;
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            TooMany(rows, maxRows);
            rows.Add([.. header.Select((_, i) => reader.TryGetField<string>(i, out var cell) ? cell : null)]);
        }

        return (header, rows);
    }

    private static async Task<(IReadOnlyList<string>, List<string?[]>)> ReadXlsxAsync(Stream file, int maxRows, CancellationToken cancellationToken)
    {
        string[]? header = null;
        var rows = new List<string?[]>();
        foreach (IDictionary<string, object?> row in await file.QueryAsync(useHeaderRow: false, excelType: ExcelType.XLSX, cancellationToken: cancellationToken))
        {
            if (header is null)
            {
                header = [.. row.Values.Select(Text).TakeWhile(name => !string.IsNullOrEmpty(name)).Select(name => name!)];
                continue;
            }

            if (row.Values.All(cell => Text(cell) is null or "")) continue; // a blank line a spreadsheet keeps
            TooMany(rows, maxRows);
            rows.Add([.. row.Values.Take(header.Length).Select(Text).Concat(Enumerable.Repeat<string?>(null, Math.Max(0, header.Length - row.Count)))]);
        }

        return header is { Length: > 0 } ? (header, rows) : throw new InvalidFieldsException("header", LowCodeErrors.ImportHeaderInvalid, "");
    }

    private static void TooMany(List<string?[]> rows, int maxRows)
    {
        if (rows.Count == maxRows) throw new PayloadTooLargeException(LowCodeErrors.ImportTooLarge, DataService.MaxImportBytes, maxRows);
    }

    // A cell as the CSV export writes its value: a workbook's dates are DateTime (a date at midnight), its numbers double.
    private static string? Text(object? cell) => cell switch
    {
        DateTime at when at.TimeOfDay == TimeSpan.Zero => ValueText.Of(DateOnly.FromDateTime(at)),
        DateTime at => ValueText.Of(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))),
        double number => ValueText.Of((decimal)number),
        _ => ValueText.Of(cell) ?? cell?.ToString(),
    };
}
