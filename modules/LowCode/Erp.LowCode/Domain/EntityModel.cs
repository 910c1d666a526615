using System.Globalization;
using System.Text.Json;
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
    }

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

            if (Read(field, property.Value) is { } error) errors[field.Name] = [error];
            else values[field.Name] = Value(field, property.Value);
        }

        foreach (var field in Fields.Values.Where(f => f.Required))
        {
            var missing = values.TryGetValue(field.Name, out var value) ? value is null or "" : creating;
            if (missing && !errors.ContainsKey(field.Name)) errors[field.Name] = [new LocalizableText(LowCodeErrors.ValueRequired)];
        }

        return errors.Count == 0 ? values : throw new InvalidFieldsException(errors);
    }

    private static LocalizableText? Read(FieldDefinition field, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null) return null;
        var ok = field.Type switch
        {
            FieldType.WholeNumber => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out _),
            FieldType.Number => json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out _),
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
