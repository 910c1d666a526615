using System.Text.Json;
using Erp.LowCode.Domain;
using Npgsql;

namespace Erp.LowCode.Application;

/// <summary>
/// What a read of one table returns, in this order: its system columns (a record's seven, or a line's id), the columns
/// asked for, and the expansions, each one JSON value made by the same statement (a lines field's lines, a reference's
/// record). Reads it back into a record: values typed by their fields, lines as the lines field's value, referenced
/// records under <c>expanded</c>.
/// </summary>
internal sealed class Projection
{
    private readonly bool _isRecord;
    private readonly IReadOnlyList<FieldDefinition> _columns;
    private readonly IReadOnlyList<(FieldDefinition Field, string Sql)> _expansions;

    public Projection(IReadOnlyList<FieldDefinition> columns, IReadOnlyList<(FieldDefinition Field, string Sql)> expansions, bool isRecord = true)
    {
        (_columns, _expansions, _isRecord) = (columns, expansions, isRecord);
        var system = isRecord ? ["id", "xmin AS version", "company_id", "created_at", "created_by", "modified_at", "modified_by"] : new[] { "id" };
        Sql = string.Join(", ", [.. system, .. columns.Select(f => f.Selected), .. expansions.Select(e => $"{e.Sql} AS \"{e.Field.Name}$\"")]);
    }

    /// <summary>The select list.</summary>
    public string Sql { get; }

    /// <summary>A table's own columns, as a write's <c>RETURNING</c> gives them.</summary>
    public static Projection Columns(TableModel model) => new(model.Columns, [], model is EntityModel);

    /// <summary>A record's columns and all its lines, those the caller sees: one record, whole.</summary>
    public static Projection WithLines(EntityModel model, RecordAccess access) =>
        new(access.Columns, [.. model.Lines.Values.Where(l => access.CanRead(l.Field)).Select(l => (l.Field, l.Aggregate))]);

    public Dictionary<string, object?> Read(NpgsqlDataReader reader)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = reader.GetGuid(0) };
        var ordinal = 1;
        if (_isRecord)
        {
            record["version"] = reader.GetFieldValue<uint>(1);
            record["companyId"] = reader.GetGuid(2);
            record["createdAt"] = reader.GetFieldValue<DateTimeOffset>(3);
            record["createdBy"] = reader.IsDBNull(4) ? null : reader.GetGuid(4);
            record["modifiedAt"] = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5);
            record["modifiedBy"] = reader.IsDBNull(6) ? null : reader.GetGuid(6);
            ordinal = EntityModel.SystemColumns;
        }

        foreach (var field in _columns)
        {
            record[field.Name] = reader.IsDBNull(ordinal) ? null : field.Type switch
            {
                FieldType.Date => reader.GetFieldValue<DateOnly>(ordinal),
                FieldType.DateTime => reader.GetFieldValue<DateTimeOffset>(ordinal),
                FieldType.Money => Money.Of(reader.GetFieldValue<JsonElement>(ordinal)),
                _ => reader.GetValue(ordinal),
            };
            ordinal++;
        }

        Dictionary<string, object?>? expanded = null;
        foreach (var (field, _) in _expansions)
        {
            var json = reader.IsDBNull(ordinal) ? (JsonElement?)null : reader.GetFieldValue<JsonElement>(ordinal);
            ordinal++;
            if (!field.HasColumn) record[field.Name] = json;
            else (expanded ??= new Dictionary<string, object?>(StringComparer.Ordinal))[field.Name] = json;
        }

        if (expanded is not null) record["expanded"] = expanded;
        return record;
    }
}
