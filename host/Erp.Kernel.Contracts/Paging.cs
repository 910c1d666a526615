namespace Erp.Kernel;

/// <summary>One page of a list, with the total across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>
/// One page of a list read newest first by a key that only grows (time, then id): <paramref name="Next"/>, passed back as
/// <c>after</c>, reads the page after it, however many rows arrived since; null on the last page.
/// </summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? Next);
