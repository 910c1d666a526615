using System.Globalization;
using System.Text;

namespace Erp.LowCode.Domain;

/// <summary>
/// A computed field's expression, compiled to the SQL of its generated column: numbers and text over the table's other
/// stored fields. <c>quantity * price</c>, <c>round(total * 1.19, 2)</c>, <c>first_name &amp; ' ' &amp; last_name</c>,
/// <c>upper(code) &amp; '-' &amp; text(number)</c>. Operators: <c>+ - * /</c> on numbers (a division by zero is empty, not
/// an error), <c>&amp;</c> joins texts; functions: <c>round(n[, digits])</c>, <c>abs(n)</c>, <c>coalesce(a, b)</c>,
/// <c>upper(t)</c>, <c>lower(t)</c>, <c>trim(t)</c>, <c>text(n)</c>; a money field stands for its amount. Names are checked fields, quoted; literals are
/// escaped: nothing an administrator writes reaches SQL as it is.
/// </summary>
public sealed class ComputedExpression
{
    /// <summary>The longest expression a field takes.</summary>
    public const int MaxLength = 1000;

    private readonly string _source;
    private readonly IReadOnlyDictionary<string, FieldDefinition> _fields;
    private int _at;

    private ComputedExpression(string source, IReadOnlyDictionary<string, FieldDefinition> fields) => (_source, _fields) = (source, fields);

    /// <summary>The SQL of <paramref name="source"/> and what it computes (<see cref="FieldType.Number"/> or <see cref="FieldType.Text"/>).</summary>
    /// <param name="fields">The fields it may name: the table's stored fields, by name.</param>
    /// <exception cref="FormatException">Why it is no expression over these fields, and where.</exception>
    public static (string Sql, FieldType Type) Compile(string source, IReadOnlyDictionary<string, FieldDefinition> fields)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length is 0 or > MaxLength) throw new FormatException($"an expression has 1 to {MaxLength} characters");
        var parser = new ComputedExpression(source, fields);
        var result = parser.Join();
        parser.Skip();
        return parser._at < source.Length ? throw parser.Error("an operator or the end") : result;
    }

    // text & text & ...
    private (string, FieldType) Join()
    {
        var (sql, type) = Sum();
        while (Take('&'))
        {
            var (right, rightType) = Sum();
            sql = $"({Expect(sql, type, FieldType.Text)} || {Expect(right, rightType, FieldType.Text)})";
        }

        return (sql, type);
    }

    private (string, FieldType) Sum()
    {
        var (sql, type) = Product();
        while (Peek() is '+' or '-')
        {
            var op = _source[_at++];
            var (right, rightType) = Product();
            (sql, type) = ($"({Expect(sql, type, FieldType.Number)} {op} {Expect(right, rightType, FieldType.Number)})", FieldType.Number);
        }

        return (sql, type);
    }

    private (string, FieldType) Product()
    {
        var (sql, type) = Unary();
        while (Peek() is '*' or '/')
        {
            var op = _source[_at++];
            var (right, rightType) = Unary();
            var divisor = Expect(right, rightType, FieldType.Number);
            (sql, type) = ($"({Expect(sql, type, FieldType.Number)} {op} {(op == '/' ? $"nullif({divisor}, 0)" : divisor)})", FieldType.Number);
        }

        return (sql, type);
    }

    private (string, FieldType) Unary()
    {
        if (!Take('-')) return Primary();
        var (sql, type) = Unary();
        return ($"(-{Expect(sql, type, FieldType.Number)})", FieldType.Number);
    }

    private (string, FieldType) Primary()
    {
        var c = Peek();
        if (Take('('))
        {
            var inner = Join();
            return Take(')') ? inner : throw Error("')'");
        }

        if (c == '\'') return (Literal(), FieldType.Text);
        if (char.IsAsciiDigit(c) || c == '.') return (Number(), FieldType.Number);
        if (!char.IsAsciiLetterLower(c)) throw Error("a field, a number, a text in quotes or a function");
        var start = _at;
        while (_at < _source.Length && (char.IsAsciiLetterLower(_source[_at]) || char.IsAsciiDigit(_source[_at]) || _source[_at] == '_')) _at++;
        var name = _source[start.._at];
        if (Take('(')) return Function(name, start);
        if (!_fields.TryGetValue(name, out var field)) throw Error($"a stored field of this table, not '{name}'", start);
        return field.Type switch
        {
            FieldType.WholeNumber => ($"{field.Column}::numeric", FieldType.Number), // numeric, so a division keeps its fraction
            FieldType.Number => (field.Column, FieldType.Number),
            FieldType.Money => ($"({field.Column}).amount", FieldType.Number), // its amount, as filters compare it
            FieldType.Text or FieldType.LongText or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Choice or FieldType.Autonumber =>
                ($"{field.Column}::text", FieldType.Text),
            _ => throw Error($"a number or text field, not '{name}' ({field.Type})", start),
        };
    }

    private (string, FieldType) Function(string name, int start)
    {
        var arguments = new List<(string Sql, FieldType Type)>();
        if (!Take(')'))
        {
            do arguments.Add(Join());
            while (Take(','));
            if (!Take(')')) throw Error("')'");
        }

        string Number(int i) => Expect(arguments[i].Sql, arguments[i].Type, FieldType.Number);
        string Text(int i) => Expect(arguments[i].Sql, arguments[i].Type, FieldType.Text);
        return (name, arguments.Count) switch
        {
            ("round", 1) => ($"round({Number(0)})", FieldType.Number),
            ("round", 2) when arguments[1].Sql.EndsWith("::numeric", StringComparison.Ordinal)
                              && int.TryParse(arguments[1].Sql[..^"::numeric".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && digits <= 10 =>
                ($"round({Number(0)}, {digits})", FieldType.Number),
            ("abs", 1) => ($"abs({Number(0)})", FieldType.Number),
            ("coalesce", 2) when arguments[0].Type == arguments[1].Type => ($"coalesce({arguments[0].Sql}, {arguments[1].Sql})", arguments[0].Type),
            ("upper" or "lower" or "trim", 1) => ($"{name}({Text(0)})", FieldType.Text),
            ("text", 1) => ($"({Number(0)})::text", FieldType.Text),
            _ => throw Error("round(n[, digits 0-10]), abs(n), coalesce(a, b) of one type, upper(t), lower(t), trim(t) or text(n)", start),
        };
    }

    private string Expect(string sql, FieldType type, FieldType expected) =>
        type == expected ? sql : throw Error(expected == FieldType.Number ? "a number (text(n) makes a number a text)" : "a text (text(n) makes a number one)");

    // A text in single quotes ('' for a quote), as a PostgreSQL literal.
    private string Literal()
    {
        var text = new StringBuilder();
        _at++;
        while (true)
        {
            if (_at >= _source.Length) throw Error("the closing quote");
            if (_source[_at] == '\'' && (_at + 1 >= _source.Length || _source[_at + 1] != '\'')) break;
            if (_source[_at] == '\'') _at++;
            text.Append(_source[_at++]);
        }

        _at++;
        return "'" + text.ToString().Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private string Number()
    {
        var start = _at;
        while (_at < _source.Length && (char.IsAsciiDigit(_source[_at]) || _source[_at] == '.')) _at++;
        return decimal.TryParse(_source[start.._at], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number.ToString(CultureInfo.InvariantCulture) + "::numeric" : throw Error("a number", start);
    }

    private char Peek()
    {
        Skip();
        return _at < _source.Length ? _source[_at] : '\0';
    }

    private bool Take(char c)
    {
        if (Peek() != c) return false;
        _at++;
        return true;
    }

    private void Skip()
    {
        while (_at < _source.Length && char.IsWhiteSpace(_source[_at])) _at++;
    }

    private FormatException Error(string expected, int? at = null) => new($"{expected} expected at {(at ?? _at) + 1}");
}
