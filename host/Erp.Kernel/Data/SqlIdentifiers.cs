namespace Erp.Kernel.Data;

/// <summary>PostgreSQL identifiers (schemas, tables, columns, databases) written into SQL text.</summary>
public static class SqlIdentifiers
{
    /// <summary>The identifier in double quotes, its own double quotes doubled: safe in SQL text whatever it holds.</summary>
    public static string Quoted(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
