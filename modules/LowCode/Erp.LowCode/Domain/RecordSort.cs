using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// How a list is sorted: by one field (or <c>createdAt</c>, the default, newest first), then by id, so every row has one
/// place in the order and a page can continue right after a row (keyset paging) however far into a large table it is.
/// Empty values come last ascending and first descending: PostgreSQL's own order, which a field's index (scanned either
/// way) serves without sorting the table.
/// </summary>
/// <param name="Text">The sort as asked (<c>-credit</c>): a cursor is only good for the sort it was made by.</param>
public sealed record RecordSort(string Text, string Column, FieldType Type, string Property, bool Descending, bool Nullable)
{
    private static readonly RecordSort Newest = new("-createdAt", "created_at", FieldType.DateTime, "createdAt", Descending: true, Nullable: false);

    /// <param name="sort"><c>field</c> or <c>-field</c> (one the caller sees: <paramref name="access"/>); null for newest first.</param>
    public static RecordSort Of(EntityModel model, RecordAccess access, string? sort)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (sort is null) return Newest;
        var descending = sort.StartsWith('-');
        var name = descending ? sort[1..] : sort;
        if (name == Newest.Property) return Newest with { Text = sort, Descending = descending };
        if (model.Fields.GetValueOrDefault(name) is not { HasColumn: true, Type: not FieldType.MultipleChoice } field || !access.CanRead(field))
            throw new InvalidFieldsException("sort", LowCodeErrors.SortInvalid, name);
        var compared = new FilterPath(field); // a money field by its amount, as filters compare it
        return new RecordSort(sort, compared.Operand("t"), compared.Type, field.Name, descending, Nullable: true);
    }

    public string OrderBy => Descending ? $"{Column} DESC, id DESC" : $"{Column}, id";

    /// <summary>The condition of the rows after <paramref name="cursor"/>'s, in this order (values as parameters).</summary>
    public string After(RecordCursor cursor, Func<object?, string> parameter)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(parameter);
        var op = Descending ? "<" : ">";
        var id = parameter(cursor.Id);
        // Ascending, the empty values follow every value; descending, they came before every value.
        if (cursor.Value is null) return Descending ? $"({Column} IS NULL AND id < {id} OR {Column} IS NOT NULL)" : $"({Column} IS NULL AND id > {id})";
        var value = parameter(RecordFilters.Parse(Type, cursor.Value) ?? throw new InvalidFieldsException("cursor", LowCodeErrors.CursorInvalid));
        var after = $"({Column}, id) {op} ({value}, {id})";
        return Nullable && !Descending ? $"({after} OR {Column} IS NULL)" : after;
    }
}

/// <summary>Where a page ended: the sort, its last record's sort value (as text) and id. Opaque to clients (base64url JSON).</summary>
public sealed record RecordCursor(string Sort, string? Value, Guid Id)
{
    public static string Of(RecordSort sort, IReadOnlyDictionary<string, object?> last)
    {
        ArgumentNullException.ThrowIfNull(sort);
        ArgumentNullException.ThrowIfNull(last);
        var value = last[sort.Property] switch
        {
            null => null,
            DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Money money => money.Amount.ToString(CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new RecordCursor(sort.Text, value, (Guid)last["id"]!)));
    }

    /// <summary>The cursor <paramref name="text"/> stands for; a 400 when it is damaged or was made for another sort.</summary>
    public static RecordCursor Read(string text, RecordSort sort)
    {
        ArgumentNullException.ThrowIfNull(sort);
        try
        {
            if (JsonSerializer.Deserialize<RecordCursor>(Base64Url.DecodeFromChars(text)) is { } cursor && cursor.Sort == sort.Text) return cursor;
        }
        catch (Exception damaged) when (damaged is FormatException or JsonException)
        {
            // told below
        }

        throw new InvalidFieldsException("cursor", LowCodeErrors.CursorInvalid);
    }
}
