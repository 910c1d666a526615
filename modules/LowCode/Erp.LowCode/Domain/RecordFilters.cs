using System.Globalization;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// The list filters of the data API, <c>filter.&lt;field&gt;[.&lt;operator&gt;]=value</c>, compiled to SQL conditions on the
/// field's column with every value a parameter (typed by the field). Operators: <c>eq</c> (the default), <c>ne</c>,
/// <c>lt</c>, <c>lte</c>, <c>gt</c>, <c>gte</c>, <c>between</c> (<c>a,b</c>), <c>in</c> and <c>not-in</c> (comma-separated),
/// <c>contains</c> and <c>starts-with</c> (text, case-insensitive), <c>is-null</c> (<c>true</c> or <c>false</c>).
/// </summary>
public static class RecordFilters
{
    /// <param name="parameter">Adds a value as a parameter of the statement and returns its placeholder.</param>
    public static string Condition(EntityModel model, string key, string text, Func<object?, string> parameter)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var (name, op) = dot < 0 ? (key, "eq") : (key[..dot], key[(dot + 1)..]);
        var field = model.Fields.GetValueOrDefault(name) is { HasColumn: true } known ? known : throw new InvalidFieldsException($"filter.{key}", LowCodeErrors.UnknownField, name);
        var column = field.Column;
        object? Value(string value) => Parse(field.Type, value) ?? throw new InvalidFieldsException($"filter.{key}", LowCodeErrors.ValueInvalid, field.Type);
        string[] Parts() => text.Split(',', StringSplitOptions.TrimEntries);

        return op switch
        {
            "eq" => $"{column} = {parameter(Value(text))}",
            "ne" => $"{column} IS DISTINCT FROM {parameter(Value(text))}",
            "lt" => $"{column} < {parameter(Value(text))}",
            "lte" => $"{column} <= {parameter(Value(text))}",
            "gt" => $"{column} > {parameter(Value(text))}",
            "gte" => $"{column} >= {parameter(Value(text))}",
            "between" when Parts() is [var from, var to] => $"{column} BETWEEN {parameter(Value(from))} AND {parameter(Value(to))}",
            "in" => $"{column} = ANY ({parameter(Array(field, Parts().Select(Value)))})",
            "not-in" => $"NOT ({column} = ANY ({parameter(Array(field, Parts().Select(Value)))}))",
            "contains" when IsText(field) => $"{column} ILIKE '%' || {parameter(Escaped(text))} || '%'",
            "starts-with" when IsText(field) => $"{column} ILIKE {parameter(Escaped(text))} || '%'",
            "is-null" when bool.TryParse(text, out var isNull) => isNull ? $"{column} IS NULL" : $"{column} IS NOT NULL",
            _ => throw new InvalidFieldsException($"filter.{key}", LowCodeErrors.FilterInvalid, op),
        };
    }

    /// <summary>A filter's (or a cursor's) text as a value of <paramref name="type"/>; null when it is none.</summary>
    public static object? Parse(FieldType type, string text) => type switch
    {
        FieldType.WholeNumber => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : null,
        FieldType.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null,
        FieldType.Boolean => bool.TryParse(text, out var flag) ? flag : null,
        FieldType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        FieldType.DateTime => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null,
        FieldType.Reference => Guid.TryParse(text, out var id) ? id : null,
        _ => text,
    };

    private static bool IsText(FieldDefinition field) => field.Type is FieldType.Text or FieldType.LongText or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Choice;

    // LIKE's own characters in a value match themselves.
    private static string Escaped(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);

    // A typed array, so the parameter is the column's array type.
    private static object Array(FieldDefinition field, IEnumerable<object?> values) => field.Type switch
    {
        FieldType.WholeNumber => values.Cast<long>().ToArray(),
        FieldType.Number => values.Cast<decimal>().ToArray(),
        FieldType.Boolean => values.Cast<bool>().ToArray(),
        FieldType.Date => values.Cast<DateOnly>().ToArray(),
        FieldType.DateTime => values.Cast<DateTimeOffset>().ToArray(),
        FieldType.Reference => values.Cast<Guid>().ToArray(),
        _ => values.Cast<string>().ToArray(),
    };
}
