using System.Globalization;
using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// The filters of the data API, compiled to SQL conditions on the entity's table (aliased <c>t</c>) with every value a
/// parameter typed by its field: <c>filter.&lt;field&gt;[.&lt;operator&gt;]=value</c> in a list's query string (all of them
/// applying), and a tree of <see cref="RecordFilter"/> groups (and, or, not) in a query's body. A field may be one of a
/// referenced record's (<c>customer.city</c>): the condition is then an <c>EXISTS</c> over the referenced table.
/// Operators: <c>eq</c> (the default), <c>ne</c>, <c>lt</c>, <c>lte</c>, <c>gt</c>, <c>gte</c>, <c>between</c>
/// (<c>a,b</c>), <c>in</c> and <c>not-in</c> (comma-separated, or a JSON array), <c>contains</c> and <c>starts-with</c>
/// (text, case-insensitive), <c>is-null</c> (<c>true</c> or <c>false</c>).
/// </summary>
public static class RecordFilters
{
    public const int MaxDepth = 5;
    public const int MaxConditions = 50;

    private static readonly HashSet<string> Operators =
        new(StringComparer.Ordinal) { "eq", "ne", "lt", "lte", "gt", "gte", "between", "in", "not-in", "contains", "starts-with", "is-null" };

    /// <summary>A query-string filter's field path and operator: <c>city.in</c>, <c>customer.city</c>, <c>customer.city.eq</c>.</summary>
    public static (string Path, string Op) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('.');
        return parts switch
        {
            [var field] => (field, "eq"),
            [var field, var op] when Operators.Contains(op) => (field, op),
            [var reference, var field] => ($"{reference}.{field}", "eq"),
            [var reference, var field, var op] => ($"{reference}.{field}", op),
            _ => (key, "?"),
        };
    }

    /// <summary>The field paths a filter tree names.</summary>
    public static IEnumerable<string> Paths(RecordFilter? filter) => filter is null ? []
        : [.. filter.Field is { } field ? [field] : System.Array.Empty<string>(), .. (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not).SelectMany(Paths)];

    /// <summary>A condition of <paramref name="op"/> on the field at the end of <paramref name="path"/>, as a query string gives it.</summary>
    /// <param name="parameter">Adds a value as a parameter of the statement and returns its placeholder.</param>
    /// <param name="restrict">
    /// The condition restricting a path's referenced table (aliased <c>r</c>) to the records the caller sees there: their
    /// companies, that entity's record rules.
    /// </param>
    /// <param name="alias">The alias of the entity's table.</param>
    public static string Condition(FilterPath? path, string key, string op, string text, IReadOnlyList<string>? list, Func<object?, string> parameter,
        Func<FilterPath, string> restrict, string alias = "t")
    {
        ArgumentNullException.ThrowIfNull(restrict);
        if (path is null) throw new InvalidFieldsException(key, LowCodeErrors.UnknownField, key);
        if (path.Through is null) return Condition(path.Type, path.Operand(alias), key, op, text, list, parameter);
        return $"EXISTS (SELECT 1 FROM {path.Target!.Table} r WHERE r.id = {alias}.{path.Through.Column} AND {restrict(path)} AND " +
               $"{Condition(path.Type, path.Operand("r"), key, op, text, list, parameter)})";
    }

    /// <summary>A filter tree as one condition; at most <see cref="MaxDepth"/> groups deep and <see cref="MaxConditions"/> conditions.</summary>
    /// <param name="variables">Values that stand for others (a record rule's <c>{user.id}</c>); a condition on one without a value is false.</param>
    public static string Condition(RecordFilter filter, IReadOnlyDictionary<string, FilterPath> paths, Func<object?, string> parameter, Func<FilterPath, string> restrict,
        string alias = "t", IReadOnlyDictionary<string, string?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(paths);
        var conditions = 0;
        string Node(RecordFilter node, string key, int depth)
        {
            var kinds = (node.And is null ? 0 : 1) + (node.Or is null ? 0 : 1) + (node.Not is null ? 0 : 1) + (node.Field is null ? 0 : 1);
            if (kinds != 1 || depth > MaxDepth || ++conditions > MaxConditions) throw new InvalidFieldsException(key, LowCodeErrors.FilterTooComplex, MaxDepth, MaxConditions);
            if (node.And is { } all) return all.Count == 0 ? "true" : "(" + string.Join(" AND ", all.Select((n, i) => Node(n, $"{key}.and[{i}]", depth + 1))) + ")";
            if (node.Or is { } any) return any.Count == 0 ? "false" : "(" + string.Join(" OR ", any.Select((n, i) => Node(n, $"{key}.or[{i}]", depth + 1))) + ")";
            if (node.Not is { } not) return $"NOT {Node(not, $"{key}.not", depth + 1)}";
            var (text, list) = Text(node.Value);
            if (list is null && variables is not null && variables.TryGetValue(text, out var variable))
            {
                if (variable is null) return "false";
                text = variable;
            }

            return Condition(paths.GetValueOrDefault(node.Field!), key, node.Op ?? "eq", text, list, parameter, restrict, alias);
        }

        return Node(filter, "filter", 1);
    }

    // A JSON value as a query string would give it: text, and the items of an array.
    private static (string Text, IReadOnlyList<string>? List) Text(JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => ("", null),
        { ValueKind: JsonValueKind.String } text => (text.GetString()!, null),
        { ValueKind: JsonValueKind.Array } array => ("", [.. array.EnumerateArray().Select(item => Text(item).Text)]),
        var other => (other.Value.GetRawText(), null),
    };

    private static string Condition(FieldType type, string column, string key, string op, string text, IReadOnlyList<string>? list,
        Func<object?, string> parameter)
    {
        object? Value(string value) => Parse(type, value) ?? throw new InvalidFieldsException(key, LowCodeErrors.ValueInvalid, type);
        IReadOnlyList<string> Parts() => list ?? text.Split(',', StringSplitOptions.TrimEntries);
        if (type == FieldType.MultipleChoice) return Holding(column, key, op, text, Parts, parameter);

        return op switch
        {
            "eq" => $"{column} = {parameter(Value(text))}",
            "ne" => $"{column} IS DISTINCT FROM {parameter(Value(text))}",
            "lt" => $"{column} < {parameter(Value(text))}",
            "lte" => $"{column} <= {parameter(Value(text))}",
            "gt" => $"{column} > {parameter(Value(text))}",
            "gte" => $"{column} >= {parameter(Value(text))}",
            "between" when Parts() is [var from, var to] => $"{column} BETWEEN {parameter(Value(from))} AND {parameter(Value(to))}",
            "in" => $"{column} = ANY ({parameter(Array(type, Parts().Select(Value)))})",
            "not-in" => $"NOT ({column} = ANY ({parameter(Array(type, Parts().Select(Value)))}))",
            "contains" when SchemaPlanner.IsText(type) => $"{column} ILIKE '%' || {parameter(LikePattern.Escape(text))} || '%'",
            "starts-with" when SchemaPlanner.IsText(type) => $"{column} ILIKE {parameter(LikePattern.Escape(text))} || '%'",
            "is-null" when bool.TryParse(text, out var isNull) => isNull ? $"{column} IS NULL" : $"{column} IS NOT NULL",
            _ => throw new InvalidFieldsException(key, LowCodeErrors.FilterInvalid, op),
        };
    }

    // A multiple choice is filtered by the choices a record holds: eq, one of them (@>, which its GIN index serves); in, any
    // of several (&&); ne and not-in, the opposite (a record holding none holds neither).
    private static string Holding(string column, string key, string op, string text, Func<IReadOnlyList<string>> parts, Func<object?, string> parameter) => op switch
    {
        "eq" => $"{column} @> {parameter(new[] { text })}::varchar[]",
        "ne" => $"NOT (coalesce({column}, '{{}}') @> {parameter(new[] { text })}::varchar[])",
        "in" => $"{column} && {parameter(parts().ToArray())}::varchar[]",
        "not-in" => $"NOT (coalesce({column}, '{{}}') && {parameter(parts().ToArray())}::varchar[])",
        "is-null" when bool.TryParse(text, out var isNull) => isNull ? $"coalesce(cardinality({column}), 0) = 0" : $"cardinality({column}) > 0",
        _ => throw new InvalidFieldsException(key, LowCodeErrors.FilterInvalid, op),
    };

    /// <summary>A filter's (or a cursor's) text as a value of <paramref name="type"/>; null when it is none.</summary>
    public static object? Parse(FieldType type, string text) => type switch
    {
        FieldType.WholeNumber => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : null,
        FieldType.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : null,
        FieldType.Boolean => bool.TryParse(text, out var flag) ? flag : null,
        FieldType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
        FieldType.DateTime => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null,
        FieldType.Reference or FieldType.Attachment => Guid.TryParse(text, out var id) ? id : null,
        _ => text,
    };

    /// <summary>
    /// The condition of a full-text search: every word (at least 3 characters, which a trigram index can look up) somewhere
    /// in the searchable fields' text, case-insensitive.
    /// </summary>
    public static string Search(EntityModel model, string search, Func<object?, string> parameter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameter);
        if (model.SearchText is not { } text) throw new InvalidFieldsException("search", LowCodeErrors.NotSearchable, model.Name);
        var words = search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > 10 || words.Any(w => w.Length < 3)) throw new InvalidFieldsException("search", LowCodeErrors.SearchTooShort, 3);
        return string.Join(" AND ", words.Select(word => $"{text} ILIKE '%' || {parameter(LikePattern.Escape(word))} || '%'"));
    }

    // A typed array, so the parameter is the column's array type.
    private static object Array(FieldType type, IEnumerable<object?> values) => type switch
    {
        FieldType.WholeNumber => values.Cast<long>().ToArray(),
        FieldType.Number => values.Cast<decimal>().ToArray(),
        FieldType.Boolean => values.Cast<bool>().ToArray(),
        FieldType.Date => values.Cast<DateOnly>().ToArray(),
        FieldType.DateTime => values.Cast<DateTimeOffset>().ToArray(),
        FieldType.Reference or FieldType.Attachment => values.Cast<Guid>().ToArray(),
        _ => values.Cast<string>().ToArray(),
    };
}

/// <summary>
/// A field a filter names: one of the entity's (<see cref="Through"/> null), or of the record a reference field refers to
/// (in <see cref="Target"/>, of which the caller has <see cref="TargetAccess"/>). A money field is compared by its amount,
/// or by its currency when the path names it (<c>price.currency</c>: <see cref="Currency"/>).
/// </summary>
public sealed record FilterPath(FieldDefinition Field, FieldDefinition? Through = null, TableModel? Target = null, RecordAccess? TargetAccess = null,
    bool Currency = false)
{
    /// <summary>The name of a money field's currency in a filter's path: <c>&lt;field&gt;.currency</c>.</summary>
    public const string CurrencyPart = "currency";

    /// <summary>What a condition compares, on the row aliased <paramref name="alias"/>.</summary>
    public string Operand(string alias) =>
        Field.Type == FieldType.Money ? $"({alias}.{Field.Column}).{(Currency ? "currency" : "amount")}" : $"{alias}.{Field.Column}";

    /// <summary>The type of <see cref="Operand"/>'s values.</summary>
    public FieldType Type => Field.Type != FieldType.Money ? Field.Type : Currency ? FieldType.Text : FieldType.Number;

    /// <summary>The paths of a table's own columns, by name; a money field's currency as well (<c>price.currency</c>).</summary>
    public static Dictionary<string, FilterPath> Own(IEnumerable<FieldDefinition> columns)
    {
        var paths = new Dictionary<string, FilterPath>(StringComparer.Ordinal);
        foreach (var field in columns)
        {
            paths.TryAdd(field.Name, new FilterPath(field)); // a name twice is refused by the rules already
            if (field.Type == FieldType.Money) paths.TryAdd($"{field.Name}.{CurrencyPart}", new FilterPath(field, Currency: true));
        }

        return paths;
    }
}
