namespace Erp.Kernel.Data;

/// <summary>Search text for PostgreSQL's LIKE and ILIKE: its own %, _ and \ match themselves, not any text.</summary>
public static class LikePattern
{
    public static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>Rows whose value contains <paramref name="search"/> (trimmed), for <c>EF.Functions.ILike</c>.</summary>
    public static string Containing(string search) => $"%{Escape(search.Trim())}%";
}
