using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// One revision of an entity, compiled once for the data API: its visible fields with how each value is read from JSON
/// and from the database, and the select list every read shares. Requests reuse it; nothing about the definition is read
/// or parsed per request.
/// </summary>
public sealed class EntityModel
{
    public EntityModel(EntityDefinition definition)
    {
        Name = definition.Name;
        Revision = definition.Revision;
        Table = definition.Table;
        Fields = definition.Fields.Where(f => !f.Deleted).ToDictionary(f => f.Name, StringComparer.Ordinal);
        SelectList = string.Join(", ", ["id", "xmin AS version", "company_id", "created_at", "created_by", "modified_at", "modified_by", .. Fields.Values.Select(f => f.Column)]);
        _patterns = Fields.Values.Where(f => f.Pattern is not null)
            .ToDictionary(f => f.Name, f => new Regex(f.Pattern!, RegexOptions.CultureInvariant, PatternTimeout), StringComparer.Ordinal);
    }

    /// <summary>The field an index or constraint belongs to, by its name (<c>ux_&lt;field id&gt;</c>, <c>fk_…</c>).</summary>
    public FieldDefinition? FieldOf(string? constraint) =>
        constraint is [_, _, '_', .. var id] ? Fields.Values.FirstOrDefault(f => f.Id.ToString("N") == id) : null;

    /// <summary>The first value a number field's <c>numeric(28, 8)</c> column cannot hold.</summary>
    private const decimal NumberLimit = 100_000_000_000_000_000_000m;

    /// <summary>How long a field's pattern may take on one value: an administrator's expression never ties up a request.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, Regex> _patterns;

    public string Name { get; }
    public int Revision { get; }
    public string Table { get; }
    public IReadOnlyDictionary<string, FieldDefinition> Fields { get; }

    /// <summary>The system columns and the visible fields, in that order.</summary>
    public string SelectList { get; }

    public const int SystemColumns = 7;

    /// <summary>
    /// The values a create or change carries, typed for their columns; <paramref name="creating"/> also requires the
    /// required fields. Every wrong value is reported against its field, all at once.
    /// </summary>
    public Dictionary<string, object?> Values(JsonElement body, bool creating)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errors = new Dictionary<string, LocalizableText[]>();
        if (body.ValueKind != JsonValueKind.Object) throw new InvalidFieldsException("body", LowCodeErrors.ValueInvalid, "object");
        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is "id" or "version" or "companyId") continue;
            if (!Fields.TryGetValue(property.Name, out var field))
            {
                errors[property.Name] = [new LocalizableText(LowCodeErrors.UnknownField, property.Name)];
                continue;
            }

            if ((Read(field, property.Value) ?? Check(field, property.Value)) is { } error) errors[field.Name] = [error];
            else values[field.Name] = Value(field, property.Value);
        }

        foreach (var field in Fields.Values.Where(f => f.Required && f.Type != FieldType.Autonumber))
        {
            var missing = values.TryGetValue(field.Name, out var value) ? value is null or "" : creating;
            if (missing && !errors.ContainsKey(field.Name)) errors[field.Name] = [new LocalizableText(LowCodeErrors.ValueRequired)];
        }

        return errors.Count == 0 ? values : throw new InvalidFieldsException(errors);
    }

    private static LocalizableText? Read(FieldDefinition field, JsonElement json)
    {
        if (field.Type == FieldType.Autonumber) return new LocalizableText(LowCodeErrors.ValueReadOnly);
        if (json.ValueKind == JsonValueKind.Null) return null;
        var ok = field.Type switch
        {
            FieldType.WholeNumber => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out _),
            FieldType.Number => json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var number) && Math.Abs(number) < NumberLimit,
            FieldType.Boolean => json.ValueKind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Date => json.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            FieldType.DateTime => json.ValueKind == JsonValueKind.String && json.TryGetDateTimeOffset(out _),
            FieldType.Reference => json.ValueKind == JsonValueKind.String && json.TryGetGuid(out _),
            _ => json.ValueKind == JsonValueKind.String,
        };
        if (!ok) return new LocalizableText(LowCodeErrors.ValueInvalid, field.Type);
        if (json.ValueKind != JsonValueKind.String || field.Type is FieldType.Date or FieldType.DateTime or FieldType.Reference) return null;
        var text = json.GetString()!;
        var limit = SchemaPlanner.MaxLength(field);
        if (text.Length > limit) return new LocalizableText(LowCodeErrors.ValueTooLong, limit);
        if (field.Type == FieldType.Choice && !field.Choices.Contains(text)) return new LocalizableText(LowCodeErrors.ValueNotAChoice, string.Join(", ", field.Choices));
        return null;
    }

    // The field's own rules, on a value of the right type: its range, its pattern.
    private LocalizableText? Check(FieldDefinition field, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            var number = json.GetDecimal();
            if (number < field.Minimum) return new LocalizableText(LowCodeErrors.ValueBelowMinimum, field.Minimum);
            if (number > field.Maximum) return new LocalizableText(LowCodeErrors.ValueAboveMaximum, field.Maximum);
        }

        if (json.ValueKind != JsonValueKind.String || !_patterns.TryGetValue(field.Name, out var pattern)) return null;
        try
        {
            return pattern.IsMatch(json.GetString()!) ? null : new LocalizableText(LowCodeErrors.ValueDoesNotMatch);
        }
        catch (RegexMatchTimeoutException)
        {
            return new LocalizableText(LowCodeErrors.ValueDoesNotMatch);
        }
    }

    private static object? Value(FieldDefinition field, JsonElement json) => json.ValueKind == JsonValueKind.Null ? null : field.Type switch
    {
        FieldType.WholeNumber => json.GetInt64(),
        FieldType.Number => json.GetDecimal(),
        FieldType.Boolean => json.GetBoolean(),
        FieldType.Date => DateOnly.ParseExact(json.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        FieldType.DateTime => json.GetDateTimeOffset().ToUniversalTime(),
        FieldType.Reference => json.GetGuid(),
        _ => json.GetString(),
    };
}
