using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// The visible fields of one table, compiled once per revision for the data API: how each value is read from JSON and
/// checked (types, lengths, ranges, patterns), and which of them are columns. An entity's table and each of its lines
/// tables are one of these.
/// </summary>
public abstract class TableModel
{
    /// <summary>The properties of a record that are the server's: a body may carry them back unchanged, and they are skipped.</summary>
    private static readonly HashSet<string> RecordProperties =
        new(StringComparer.Ordinal) { "id", "version", "companyId", "createdAt", "createdBy", "modifiedAt", "modifiedBy", "expanded" };

    /// <summary>The first value a number field's <c>numeric(28, 8)</c> column cannot hold.</summary>
    private const decimal NumberLimit = 100_000_000_000_000_000_000m;

    /// <summary>How long a field's pattern may take on one value: an administrator's expression never ties up a request.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<string, Regex> _patterns;

    /// <param name="revision">The revision of the definition the fields come from.</param>
    /// <param name="table">The table, quoted, when it is not <paramref name="name"/> in the data schema (an owner's, for extra fields).</param>
    protected TableModel(string name, IEnumerable<FieldDefinition> fields, int revision, string? table = null)
    {
        Name = name;
        Revision = revision;
        Table = $"{table ?? SchemaPlanner.Table(name)} /* revision {revision} */";
        Fields = fields.Where(f => !f.Deleted).ToDictionary(f => f.Name, StringComparer.Ordinal);
        Columns = [.. Fields.Values.Where(f => f.HasColumn)];
        OwnPaths = FilterPath.Own(Columns);
        _patterns = Fields.Values.Where(f => f.Pattern is not null)
            .ToDictionary(f => f.Name, f => new Regex(f.Pattern!, RegexOptions.CultureInvariant, PatternTimeout), StringComparer.Ordinal);
    }

    /// <summary>The table's name in the data schema.</summary>
    public string Name { get; }

    public int Revision { get; }

    /// <summary>
    /// The table, schema-qualified and quoted, followed by a comment naming the revision, so each revision's statements are
    /// new statements to PostgreSQL. The host prepares the statements it repeats, and a prepared statement whose columns
    /// change type fails on every connection that prepared it ("cached plan must not change result type").
    /// </summary>
    public string Table { get; }

    public IReadOnlyDictionary<string, FieldDefinition> Fields { get; }

    /// <summary>The visible fields that are columns of this table, in their order.</summary>
    public IReadOnlyList<FieldDefinition> Columns { get; }

    /// <summary>The table's own columns as filter paths (a money field's currency too), by name.</summary>
    public IReadOnlyDictionary<string, FilterPath> OwnPaths { get; }

    /// <summary>The columns a body gives values: not those the server sets (<see cref="IsSetByServer"/>), in their order.</summary>
    public IReadOnlyList<FieldDefinition> Settable => _settable ??= [.. Columns.Where(f => !IsSetByServer(f))];

    private IReadOnlyList<FieldDefinition>? _settable;

    /// <summary>
    /// A row (aliased <paramref name="alias"/>) as one JSON object of its id and <paramref name="columns"/>: made in parts
    /// of 50 keys, for <c>jsonb_build_object</c> takes at most 100 arguments. The keys are checked field names.
    /// </summary>
    public static string JsonObject(IEnumerable<FieldDefinition> columns, string alias) =>
        string.Join(" || ", columns.Select(f => $"'{f.Name}', {alias}.{f.Column}").Prepend($"'id', {alias}.id").Chunk(50)
            .Select(pairs => $"jsonb_build_object({string.Join(", ", pairs)})"));

    /// <summary>The field an index or constraint of this table belongs to, by its name (<c>ux_&lt;field id&gt;</c>, <c>fk_…</c>).</summary>
    public FieldDefinition? FieldOf(string? constraint) =>
        constraint is [_, _, '_', .. var id] ? Fields.Values.FirstOrDefault(f => f.Id.ToString("N") == id) : null;

    /// <summary>
    /// The values <paramref name="body"/> carries, typed for their columns; <paramref name="creating"/> also requires the
    /// required fields. A wrong value is added to <paramref name="errors"/> under <paramref name="prefix"/> and its field's name.
    /// </summary>
    /// <param name="access">The caller's fields (an entity's): one they do not see is unknown to them, one they do not set read-only.</param>
    protected Dictionary<string, object?> Read(JsonElement body, bool creating, string prefix, Dictionary<string, LocalizableText[]> errors, RecordAccess? access = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[prefix.Length == 0 ? "body" : prefix.TrimEnd('.')] = [new LocalizableText(LowCodeErrors.ValueInvalid, "object")];
            return values;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (RecordProperties.Contains(property.Name)) continue;
            var key = prefix + property.Name;
            if (!Fields.TryGetValue(property.Name, out var field) || access?.CanRead(field) == false) errors[key] = [new LocalizableText(LowCodeErrors.UnknownField, property.Name)];
            else if (IsSetByServer(field) || access?.CanWrite(field) == false) errors[key] = [new LocalizableText(LowCodeErrors.ValueReadOnly)];
            else if (!field.HasColumn) values[field.Name] = ReadLines(field, property.Value, key, errors);
            else if ((Read(field, property.Value) ?? Check(field, property.Value)) is { } error) errors[key] = [error];
            else values[field.Name] = Value(field, property.Value);
        }

        foreach (var field in Fields.Values.Where(f => f.Required && !IsSetByServer(f)))
        {
            var missing = values.TryGetValue(field.Name, out var value) ? value is null or "" or IReadOnlyList<LineValues> { Count: 0 } or string[] { Length: 0 } : creating;
            if (missing) errors.TryAdd(prefix + field.Name, [new LocalizableText(LowCodeErrors.ValueRequired)]);
        }

        return values;
    }

    /// <summary>Whether the server gives the field its values (an autonumber's, a computed field's), which no body sets.</summary>
    public virtual bool IsSetByServer(FieldDefinition field) => field.Type == FieldType.Autonumber || field.Expression is not null;

    /// <summary>A lines field's lines; only an entity's table has lines.</summary>
    protected virtual IReadOnlyList<LineValues> ReadLines(FieldDefinition field, JsonElement json, string key, Dictionary<string, LocalizableText[]> errors) =>
        throw new InvalidOperationException($"{Name} has no lines.");

    private static LocalizableText? Read(FieldDefinition field, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null) return null;
        var ok = field.Type switch
        {
            FieldType.WholeNumber => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out _),
            FieldType.Number => json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var number) && Math.Abs(number) < NumberLimit,
            FieldType.Boolean => json.ValueKind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Date => json.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            FieldType.DateTime => json.ValueKind == JsonValueKind.String && json.TryGetDateTimeOffset(out _),
            FieldType.Reference or FieldType.Attachment => json.ValueKind == JsonValueKind.String && json.TryGetGuid(out _),
            FieldType.MultipleChoice => json.ValueKind == JsonValueKind.Array && json.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String)
                && json.EnumerateArray().Select(c => c.GetString()).Distinct().Count() == json.GetArrayLength(),
            FieldType.Money => IsMoney(json),
            _ => json.ValueKind == JsonValueKind.String,
        };
        if (!ok) return new LocalizableText(LowCodeErrors.ValueInvalid, field.Type);
        if (field.Type == FieldType.Money)
        {
            return field.Choices.Count == 0 || field.Choices.Contains(json.GetProperty("currency").GetString()!) ? null
                : new LocalizableText(LowCodeErrors.ValueNotAChoice, string.Join(", ", field.Choices));
        }

        if (field.Type == FieldType.MultipleChoice)
        {
            return json.EnumerateArray().All(c => field.Choices.Contains(c.GetString()!)) ? null
                : new LocalizableText(LowCodeErrors.ValueNotAChoice, string.Join(", ", field.Choices));
        }

        if (json.ValueKind != JsonValueKind.String || field.Type is FieldType.Date or FieldType.DateTime or FieldType.Reference or FieldType.Attachment) return null;
        var text = json.GetString()!;
        var limit = SchemaPlanner.MaxLength(field);
        if (text.Length > limit) return new LocalizableText(LowCodeErrors.ValueTooLong, limit);
        if (field.Type == FieldType.Choice && !field.Choices.Contains(text)) return new LocalizableText(LowCodeErrors.ValueNotAChoice, string.Join(", ", field.Choices));
        return null;
    }

    // An amount and a currency code, nothing else.
    private static bool IsMoney(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.EnumerateObject().Count() == 2
        && json.TryGetProperty("amount", out var amount) && amount.ValueKind == JsonValueKind.Number && amount.TryGetDecimal(out var number) && Math.Abs(number) < NumberLimit
        && json.TryGetProperty("currency", out var currency) && currency.ValueKind == JsonValueKind.String && Money.IsCurrency(currency.GetString());

    // The field's own rules, on a value of the right type: its range (a money field's amount's), its pattern.
    private LocalizableText? Check(FieldDefinition field, JsonElement json)
    {
        var amount = json.ValueKind == JsonValueKind.Object && field.Type == FieldType.Money ? json.GetProperty("amount") : json;
        if (amount.ValueKind == JsonValueKind.Number)
        {
            var number = amount.GetDecimal();
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
        FieldType.Reference or FieldType.Attachment => json.GetGuid(),
        FieldType.MultipleChoice => json.EnumerateArray().Select(c => c.GetString()!).ToArray(),
        FieldType.Money => Money.Of(json),
        _ => json.GetString(),
    };
}

/// <summary>
/// One revision of an entity, compiled once for the data API: its fields, its lines tables, and the select list every
/// read shares. Requests reuse it; nothing about the definition is read or parsed per request.
/// </summary>
public sealed class EntityModel : TableModel
{
    public const int SystemColumns = 7;

    /// <summary>The most lines one record has.</summary>
    public const int MaxLines = 1000;

    private readonly ConcurrentDictionary<string, RecordAccess> _access = new(StringComparer.Ordinal);

    // The permissions that make a difference to what a caller may do with the records beyond reading them.
    private readonly IReadOnlyList<string> _accessPermissions;

    public EntityModel(EntityDefinition definition) : base(definition.Name, definition.Fields, definition.Revision)
    {
        RecordRules = definition.RecordRules;
        Workflow = definition.Workflow;
        Automations = [.. definition.Automations.Where(a => a.Active)];
        (Label, PluralLabel, Icon, Ui) = (definition.Label, definition.PluralLabel, definition.Icon, definition.Ui);
        OrderedFields = [.. definition.Fields.Where(f => !f.Deleted)];
        _accessPermissions = [.. DataPermissions.Access(definition).Select(p => p.Name)];
        DisplayField = definition.DisplayField;
        Lines = Fields.Values.Where(f => !f.HasColumn).ToDictionary(f => f.Name, f => new LinesModel(Name, f, definition.Revision), StringComparer.Ordinal);
        SelectList = string.Join(", ", ["id", "xmin AS version", "company_id", "created_at", "created_by", "modified_at", "modified_by", .. Columns.Select(f => f.Selected)]);
        SearchText = Columns.Any(f => f.Searchable) ? SchemaPlanner.SearchText(definition.Fields) : null;
    }

    public IReadOnlyList<RecordRule> RecordRules { get; }

    public string Label { get; }
    public string PluralLabel { get; }
    public string? Icon { get; }

    /// <summary>How the SPA shows it, as the administrator laid it out; null for the defaults.</summary>
    public EntityUiDto? Ui { get; }

    /// <summary>The visible fields in the definition's order.</summary>
    public IReadOnlyList<FieldDefinition> OrderedFields { get; }

    /// <summary>The states its records go through; null when the entity has no workflow.</summary>
    public Workflow? Workflow { get; }

    /// <summary>Its active automations.</summary>
    public IReadOnlyList<AutomationDto> Automations { get; }

    public AutomationDto? Automation(string name) => Automations.FirstOrDefault(a => a.Name == name);

    // A workflow's state changes by transitions only.
    public override bool IsSetByServer(FieldDefinition field) => base.IsSetByServer(field) || field.Name == Workflow?.Field;


    /// <summary>What a caller holding <paramref name="granted"/> may do with the records: one instance per combination that matters.</summary>
    public RecordAccess AccessFor(IReadOnlySet<string> granted)
    {
        ArgumentNullException.ThrowIfNull(granted);
        var key = string.Concat(_accessPermissions.Select(p => granted.Contains(p) ? '1' : '0'));
        return _access.TryGetValue(key, out var access) ? access : _access.GetOrAdd(key, new RecordAccess(this, granted));
    }

    /// <summary>Every record and field: how the system itself (a webhook's body) reads them.</summary>
    public RecordAccess FullAccess => _fullAccess ??= AccessFor(_accessPermissions.ToHashSet(StringComparer.Ordinal));

    private RecordAccess? _fullAccess;

    /// <summary>The text full-text search looks in (the search index's expression); null when no field is searchable.</summary>
    public string? SearchText { get; }

    public string? DisplayField { get; }

    /// <summary>The lines tables, by their field's name.</summary>
    public IReadOnlyDictionary<string, LinesModel> Lines { get; }

    /// <summary>The system columns and the visible columns, in that order.</summary>
    public string SelectList { get; }

    /// <summary>
    /// The values a create or change carries, typed for their columns, a lines field's as <see cref="LineValues"/>;
    /// <paramref name="creating"/> also requires the required fields. Every wrong value is reported against its field
    /// (<c>lines[2].quantity</c> for a line's), all at once.
    /// </summary>
    public Dictionary<string, object?> Values(JsonElement body, bool creating, RecordAccess access)
    {
        var errors = new Dictionary<string, LocalizableText[]>();
        var values = Read(body, creating, "", errors, access);
        return errors.Count == 0 ? values : throw new InvalidFieldsException(errors);
    }

    /// <summary>The table and field whose constraint or index this is, among the entity's table and its lines tables.</summary>
    public (TableModel Table, FieldDefinition Field)? ConstraintOf(string? constraint) =>
        FieldOf(constraint) is { } field ? (this, field)
        : Lines.Values.Select(l => (Table: (TableModel)l, Field: l.FieldOf(constraint))).FirstOrDefault(l => l.Field is not null) is ({ } table, { } line) ? (table, line)
        : null;

    // Every line is given whole: its values replace the line's (a line with the id of one the record has), or make a new one.
    protected override IReadOnlyList<LineValues> ReadLines(FieldDefinition field, JsonElement json, string key, Dictionary<string, LocalizableText[]> errors)
    {
        if (json.ValueKind == JsonValueKind.Null) return [];
        if (json.ValueKind != JsonValueKind.Array)
        {
            errors[key] = [new LocalizableText(LowCodeErrors.ValueInvalid, field.Type)];
            return [];
        }

        if (json.GetArrayLength() > MaxLines)
        {
            errors[key] = [new LocalizableText(LowCodeErrors.TooManyLines, MaxLines)];
            return [];
        }

        var lines = new List<LineValues>();
        var index = 0;
        foreach (var line in json.EnumerateArray())
        {
            var prefix = $"{key}[{index++}].";
            Guid? id = null;
            if (line.ValueKind == JsonValueKind.Object && line.TryGetProperty("id", out var given) && given.ValueKind != JsonValueKind.Null)
            {
                if (given.ValueKind == JsonValueKind.String && given.TryGetGuid(out var parsed)) id = parsed;
                else errors[prefix + "id"] = [new LocalizableText(LowCodeErrors.ValueInvalid, FieldType.Reference)];
            }

            lines.Add(new LineValues(id, Lines[field.Name].ValuesOf(line, prefix, errors)));
        }

        return lines;
    }
}

/// <summary>
/// The table of one lines field (<c>order__lines</c>): its rows belong to a record (<c>parent_id</c>) and its company,
/// in their order (<c>line_no</c>).
/// </summary>
public sealed class LinesModel : TableModel
{
    public LinesModel(string entity, FieldDefinition field, int revision) : base(field.LinesTable(entity), field.Fields, revision)
    {
        Field = field;
        SelectList = string.Join(", ", ["id", .. Columns.Select(f => f.Selected)]);
        Aggregate = $"(SELECT coalesce(jsonb_agg({JsonObject(Columns, "l")} ORDER BY l.line_no), '[]') FROM {Table} l WHERE l.parent_id = t.id)";
    }

    /// <summary>A subquery of a record's lines as one JSON array, in their order; the record's table is aliased <c>t</c>.</summary>
    public string Aggregate { get; }

    public FieldDefinition Field { get; }

    /// <summary>The id and the visible columns, in that order.</summary>
    public string SelectList { get; }

    internal Dictionary<string, object?> ValuesOf(JsonElement line, string prefix, Dictionary<string, LocalizableText[]> errors) => Read(line, creating: true, prefix, errors);
}

/// <summary>One line of a lines field as a write gives it: the id of the line it replaces (none for a new line), and its values.</summary>
public sealed record LineValues(Guid? Id, Dictionary<string, object?> Values);
