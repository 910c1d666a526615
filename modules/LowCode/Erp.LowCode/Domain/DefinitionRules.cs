using System.Text.RegularExpressions;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;

namespace Erp.LowCode.Domain;

/// <summary>
/// What a definition must be before any SQL is made of it: names that are plain identifiers (and neither PostgreSQL's
/// keywords nor the columns every table has), unique within the entity, references to entities that exist, choices
/// for choice fields, lengths in range, and no type change to or from a reference. Every broken rule is reported
/// against the field that breaks it, all at once.
/// </summary>
public static partial class DefinitionRules
{
    public const int DefaultTextLength = 200;
    public const int MaxTextLength = 4000;

    /// <summary>The columns every low-code table has, and PostgreSQL's system columns.</summary>
    public static IReadOnlySet<string> SystemColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "company_id", "created_at", "created_by", "modified_at", "modified_by", "xmin", "xmax", "cmin", "cmax", "ctid", "tableoid", "oid",
    };

    /// <param name="reserved">PostgreSQL's keywords that are not free to use as names (from the server itself).</param>
    /// <param name="entities">The names of the entities that exist, for references.</param>
    public static (EntityShape Shape, Dictionary<string, LocalizableText[]> Errors) Check(
        string name, SaveEntityDefinitionRequest request, EntityDefinition? current, IReadOnlySet<string> reserved, IReadOnlySet<string> entities)
    {
        var errors = new Dictionary<string, List<LocalizableText>>();
        void Add(string key, string code, params object?[] args) =>
            (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(new LocalizableText(code, args));

        if (NameError(name, reserved) is { } entityError) Add("name", entityError, name);

        var fields = new List<FieldDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Fields.Count; i++)
        {
            var given = request.Fields[i];
            var key = $"fields[{i}]";
            var before = given.Id is { } id ? current?.Fields.FirstOrDefault(f => f.Id == id) : null;
            if (given.Id is not null && before is null) Add(key, LowCodeErrors.UnknownField, given.Id);
            if (NameError(given.Name, reserved) is { } fieldError) Add($"{key}.name", fieldError, given.Name);
            else if (SystemColumns.Contains(given.Name)) Add($"{key}.name", LowCodeErrors.ReservedName, given.Name);
            if (!names.Add(given.Name)) Add($"{key}.name", LowCodeErrors.DuplicateName, given.Name);

            var choices = (given.Choices ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (given.Type == FieldType.Choice && (choices.Count == 0 || choices.Any(c => c.Length > 100))) Add($"{key}.choices", LowCodeErrors.ChoicesRequired);
            if (given.Type == FieldType.Text && given.MaxLength is < 1 or > MaxTextLength) Add($"{key}.maxLength", LowCodeErrors.MaxLengthOutOfRange, MaxTextLength);
            if (given.Type == FieldType.Reference && (given.References is null || !entities.Contains(given.References) && given.References != name))
                Add($"{key}.references", LowCodeErrors.UnknownReference, given.References);
            if (before is not null && before.Type != given.Type && (IsKept(before.Type) || IsKept(given.Type))
                || before is { Type: FieldType.Reference } && before.References != given.References)
                Add($"{key}.type", LowCodeErrors.TypeChangeImpossible, before.Type, given.Type);
            if (given.Type == FieldType.Autonumber && !(given.NumberFormat is { Length: <= 60 } format && DocumentNumbers.IsPattern(format)))
                Add($"{key}.numberFormat", LowCodeErrors.NumberFormatInvalid);
            if (given.Pattern is { } pattern && !IsRegex(pattern)) Add($"{key}.pattern", LowCodeErrors.PatternInvalid, pattern);
            if (given.Minimum > given.Maximum) Add($"{key}.minimum", LowCodeErrors.RangeInvalid);

            fields.Add(new FieldDefinition
            {
                Id = before?.Id ?? Guid.CreateVersion7(),
                Name = given.Name,
                Label = given.Label,
                Type = given.Type,
                Required = given.Required,
                Unique = given.Unique || given.Type == FieldType.Autonumber,
                Indexed = given.Indexed,
                MaxLength = given.Type == FieldType.Text ? given.MaxLength ?? DefaultTextLength : null,
                Minimum = given.Minimum,
                Maximum = given.Maximum,
                Pattern = given.Pattern,
                Choices = given.Type == FieldType.Choice ? choices : [],
                References = given.Type == FieldType.Reference ? given.References : null,
                Deleted = given.Deleted,
                NumberFormat = given.Type == FieldType.Autonumber ? given.NumberFormat : null,
            });
        }

        // A field left out of the request is hidden, never dropped: its column and data stay until purged.
        foreach (var missing in current?.Fields.Where(f => fields.All(n => n.Id != f.Id)) ?? [])
        {
            if (!names.Add(missing.Name)) Add("fields", LowCodeErrors.DuplicateName, missing.Name);
            fields.Add(missing.Hidden());
        }

        if (request.DisplayField is { } display && fields.All(f => f.Name != display)) Add("displayField", LowCodeErrors.UnknownField, display);
        var shape = new EntityShape(request.Label.Trim(), request.PluralLabel.Trim(), request.DisplayField, request.Icon, fields);
        return (shape, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    // A reference's values are keys of another table, an autonumber's were drawn from a series: neither converts.
    private static bool IsKept(FieldType type) => type is FieldType.Reference or FieldType.Autonumber;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, EntityModel.PatternTimeout);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string? NameError(string name, IReadOnlySet<string> reserved) =>
        !Identifier().IsMatch(name) ? LowCodeErrors.InvalidName : reserved.Contains(name) ? LowCodeErrors.ReservedName : null;

    // Lower-case ASCII, starting with a letter, within PostgreSQL's 63-byte names less room for index prefixes.
    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex Identifier();
}
