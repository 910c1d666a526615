namespace Erp.Kernel;

/// <summary>One page of a list, with the total across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);
