using System.ComponentModel.DataAnnotations;

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

/// <summary>What an export asked for in a body writes: the records a list's filter (groups included), search and sort find, with these fields.</summary>
public sealed record ExportRecordsRequest(
    RecordFilter? Filter = null,
    [property: StringLength(64)] string? Sort = null,
    [property: MaxLength(200)] IReadOnlyList<string>? Fields = null,
    [property: StringLength(200)] string? Search = null,
    ExportFormat Format = ExportFormat.Csv);

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
/// <param name="ImportId">The import's record in the entity's import history (<see cref="ImportRunDto"/>).</param>
public sealed record RecordImportResultDto(bool DryRun, bool Committed, int Created, int Updated, int Failed, IReadOnlyList<ImportRowDto> Rows, Guid ImportId);

/// <summary>
/// An import as it goes and once it is done, readable on any instance while it runs (<see cref="Processed"/> of
/// <see cref="Rows"/>): the client names it (<c>importId</c>) when it starts, so it can follow it.
/// </summary>
public sealed record ImportRunDto(
    Guid Id, string Entity, bool DryRun, ImportMode Mode, int Rows, int Processed, int Created, int Updated, int Failed, bool? Committed,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, Guid? StartedBy);
