namespace Erp.LowCode;

/// <summary>How an import commits: every row or none, or each good row while the bad ones are reported.</summary>
public enum ImportMode
{
    AllOrNothing,
    PerRow,
}

/// <summary>The file an export writes: CSV, or an Excel workbook (XLSX).</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

public enum ImportAction
{
    Created,
    Updated,
    Failed,
}

/// <param name="Row">The row's line in the file (the header is line 1).</param>
/// <param name="Errors">Why a failed row failed, by field (or <c>row</c>), in the caller's language.</param>
public sealed record ImportRowDto(int Row, ImportAction Action, Guid? Id, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>What an import did (or, for a dry run, would do), row by row; <paramref name="Committed"/> when anything of it was kept.</summary>
public sealed record RecordImportResultDto(bool DryRun, bool Committed, int Created, int Updated, int Failed, IReadOnlyList<ImportRowDto> Rows);
