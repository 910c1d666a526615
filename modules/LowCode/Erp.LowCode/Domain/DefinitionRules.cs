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

    /// <summary>
    /// The columns every low-code table (and lines table) has, PostgreSQL's system columns, and the names a record's JSON
    /// uses for itself.
    /// </summary>
    public static IReadOnlySet<string> SystemColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "company_id", "created_at", "created_by", "modified_at", "modified_by", "parent_id", "line_no", "xmin", "xmax", "cmin", "cmax", "ctid",
        "tableoid", "oid", "version", "expanded",
    };

    /// <summary>The most characters of a lines table's name (<c>&lt;entity&gt;__&lt;field&gt;</c>), leaving room for its indexes' names.</summary>
    public const int MaxLinesTableName = 60;

    /// <param name="reserved">PostgreSQL's keywords that are not free to use as names (from the server itself).</param>
    /// <param name="entities">The names of the entities that exist, for references.</param>
    /// <param name="owners">The entities modules and plugins declared extensible: references may name them too.</param>
    /// <param name="importing">
    /// For an import (<see cref="DefinitionsDocument"/>), the field ids other entities have: a field the entity lacks keeps
    /// the id the document gives it unless one of those has it, and a field of the same name stands for one the document
    /// names by another id. Null for a save, where every id given is one of the entity's.
    /// </param>
    public static (EntityShape Shape, Dictionary<string, LocalizableText[]> Errors) Check(
        string name, SaveEntityDefinitionRequest request, EntityDefinition? current, IReadOnlySet<string> reserved, IReadOnlySet<string> entities,
        IReadOnlyDictionary<string, ExtensibleEntityDefinition> owners, IReadOnlySet<Guid>? importing = null)
    {
        var errors = new Dictionary<string, List<LocalizableText>>();
        void Add(string key, string code, params object?[] args) =>
            (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(new LocalizableText(code, args));

        if (NameError(name, reserved) is { } entityError) Add("name", entityError, name);
        var context = new Context(name, reserved, entities, owners, Add, importing, []);
        var fields = Fields(context, "fields", request.Fields, current?.Fields ?? [], inLines: false);
        if (request.DisplayField is { } display && fields.All(f => f.Name != display || !f.HasColumn)) Add("displayField", LowCodeErrors.UnknownField, display);
        var rules = RecordRules(request.RecordRules ?? [], fields, Add);
        var workflow = request.Workflow is null ? null : Workflow(request.Workflow, fields, Add);
        if (request.Ui is { } ui) Layout(ui, fields, Add);
        var automations = Automations(name, request.Automations ?? [], fields, workflow, entities, Add);
        var shape = new EntityShape(request.Label.Trim(), request.PluralLabel.Trim(), request.DisplayField, request.Icon, fields, rules, workflow, request.Ui,
            automations);
        return (shape, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    /// <summary>
    /// The extra fields of a module's or plugin's entity (<paramref name="entity"/>), checked as an entity's fields are, each
    /// with its id settled; columns of the owner's table, so of the types that are one plain column there.
    /// <paramref name="importing"/> as for <see cref="Check"/>.
    /// </summary>
    public static (List<FieldDefinition> Fields, Workflow? Workflow, List<AutomationDto> Automations, Dictionary<string, LocalizableText[]> Errors) CheckExtension(
        string entity, SaveEntityExtensionRequest extension, IReadOnlyList<FieldDefinition> current, IReadOnlySet<string> reserved, IReadOnlySet<string> entities,
        IReadOnlyDictionary<string, ExtensibleEntityDefinition> owners, IReadOnlySet<string> events, IReadOnlySet<Guid>? importing = null)
    {
        var request = extension.Fields;
        var errors = new Dictionary<string, List<LocalizableText>>();
        void Add(string key, string code, params object?[] args) =>
            (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(new LocalizableText(code, args));

        var fields = Fields(new Context(entity, reserved, entities, owners, Add, importing, []), "fields", request, current, inLines: false);
        for (var i = 0; i < request.Count; i++)
        {
            // What a reference to the owner's rows shows of them, and what automations' templates read of the event: no
            // extra field may take those names.
            if (request[i].Name is ExtensionModel.DisplayField or ExtensionModel.EventField) Add($"fields[{i}].name", LowCodeErrors.ReservedName, request[i].Name);
            if (request[i].Type is FieldType.Lines or FieldType.Autonumber or FieldType.Attachment or FieldType.Computed
                || request[i].Searchable || request[i].ReadRestricted || request[i].WriteRestricted)
                Add($"fields[{i}].type", LowCodeErrors.ExtensionFieldInvalid);
        }

        var workflow = extension.Workflow is null ? null : Workflow(extension.Workflow, fields, Add);
        var automations = Automations(entity, extension.Automations ?? [], fields, workflow, entities, Add, events);
        return (fields, workflow, automations, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    // The state is a visible choice field whose choices are the states (so the database holds it to them), one state is
    // where records start, and each transition has a name of its own (its permission's), states it moves between, and a
    // condition that compiles against the entity's fields.
    private static Workflow Workflow(WorkflowDto request, IReadOnlyList<FieldDefinition> fields, Action<string, string, object?[]> add)
    {
        void Add(string key) => add(key, LowCodeErrors.WorkflowInvalid, []);
        var states = request.States.Select(s => new WorkflowState(s.Name, s.Label.Trim(), s.Initial, s.ReadOnly)).ToList();
        var names = states.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (fields.FirstOrDefault(f => f.Name == request.Field && !f.Deleted) is not { Type: FieldType.Choice } field || !field.Choices.ToHashSet().SetEquals(names)
            || names.Count != states.Count)
            Add("workflow.field");
        if (states.Count(s => s.Initial) != 1) Add("workflow.states");
        var transitions = new List<WorkflowTransition>();
        var transitionNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Transitions.Count; i++)
        {
            var (key, given) = ($"workflow.transitions[{i}]", request.Transitions[i]);
            if (!Identifier().IsMatch(given.Name) || !transitionNames.Add(given.Name)) Add($"{key}.name");
            if (given.From.Count == 0 || !given.From.All(names.Contains) || !names.Contains(given.To)) Add($"{key}.to");
            if (given.Condition is { } condition) CheckFilter(condition, $"{key}.condition", fields, add);
            transitions.Add(new WorkflowTransition(given.Name, given.Label.Trim(), [.. given.From.Distinct(StringComparer.Ordinal)], given.To, given.Condition));
        }

        return new Workflow(request.Field, states, transitions);
    }

    // A form names visible fields of the entity, each once, with conditions that compile; a list names visible columns
    // and sorts by one of them (or by creation), starting from a filter that compiles.
    private static void Layout(EntityUiDto ui, IReadOnlyList<FieldDefinition> fields, Action<string, string, object?[]> add)
    {
        var visible = fields.Where(f => !f.Deleted).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < (ui.Form?.Tabs.Count ?? 0); t++)
        {
            for (var s = 0; s < ui.Form!.Tabs[t].Sections.Count; s++)
            {
                var section = ui.Form.Tabs[t].Sections[s];
                for (var f = 0; f < section.Fields.Count; f++)
                {
                    var (key, field) = ($"ui.form.tabs[{t}].sections[{s}].fields[{f}]", section.Fields[f]);
                    if (!visible.ContainsKey(field.Field) || !placed.Add(field.Field)) add($"{key}.field", LowCodeErrors.LayoutInvalid, []);
                    if (field.ReadOnlyWhen is { } readOnly) CheckFilter(readOnly, $"{key}.readOnlyWhen", fields, add);
                    if (field.HiddenWhen is { } hidden) CheckFilter(hidden, $"{key}.hiddenWhen", fields, add);
                }
            }
        }

        if (ui.Menu is { } menu && menu.Path.Split('/') is var segments && (segments.Length > 3 || segments.Any(s => s.Trim().Length is 0 or > 50)))
            add("ui.menu.path", LowCodeErrors.LayoutInvalid, []);
        if (ui.List is not { } list) return;
        for (var c = 0; c < list.Columns.Count; c++)
        {
            if (!(visible.GetValueOrDefault(list.Columns[c]) is { HasColumn: true }) || list.Columns.Take(c).Contains(list.Columns[c]))
                add($"ui.list.columns[{c}]", LowCodeErrors.LayoutInvalid, []);
        }

        var sorted = list.Sort?.TrimStart('-');
        if (sorted is not null && sorted != "createdAt" && visible.GetValueOrDefault(sorted) is not { HasColumn: true, Type: not FieldType.MultipleChoice }) add("ui.list.sort", LowCodeErrors.LayoutInvalid, []);
        if (list.Filter is { } filter) CheckFilter(filter, "ui.list.filter", fields, add);
    }

    // A filter an administrator keeps in the definition (a record rule's, a transition's condition) compiles against the
    // entity's visible fields as they will be; each refusal is reported under the filter's key.
    private static void CheckFilter(RecordFilter filter, string key, IReadOnlyList<FieldDefinition> fields, Action<string, string, object?[]> add)
    {
        var paths = FilterPath.Own(fields.Where(f => f.HasColumn && !f.Deleted));
        var variables = RecordAccess.Variables(Guid.Empty, "name");
        try
        {
            _ = RecordFilters.Condition(filter, paths, _ => "$1", _ => "false", "t", variables);
        }
        catch (InvalidFieldsException invalid)
        {
            foreach (var (errorKey, texts) in invalid.Errors)
            {
                foreach (var text in texts) add(key + errorKey["filter".Length..], text.Key, text.Arguments);
            }
        }
    }

    // Each rule a name of its own (its permission's) and, for a filter rule, a filter that compiles against the entity's
    // visible fields as they will be: a rule naming a field being hidden or renamed is refused with the change.
    private static List<RecordRule> RecordRules(IReadOnlyList<RecordRuleDto> request, IReadOnlyList<FieldDefinition> fields, Action<string, string, object?[]> add)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<RecordRule>();
        for (var i = 0; i < request.Count; i++)
        {
            var (key, rule) = ($"recordRules[{i}]", request[i]);
            if (!Identifier().IsMatch(rule.Name) || !names.Add(rule.Name)) add($"{key}.name", LowCodeErrors.RecordRuleInvalid, [rule.Name]);
            if (rule.Kind == RecordRuleKind.Filter)
            {
                if (rule.Filter is null) add($"{key}.filter", LowCodeErrors.RecordRuleInvalid, [rule.Name]);
                else CheckFilter(rule.Filter, $"{key}.filter", fields, add);
            }

            rules.Add(new RecordRule(rule.Name, rule.Label.Trim(), rule.Kind, rule.Kind == RecordRuleKind.Filter ? rule.Filter : null));
        }

        return rules;
    }

    private sealed record Context(string Entity, IReadOnlySet<string> Reserved, IReadOnlySet<string> Entities, IReadOnlyDictionary<string, ExtensibleEntityDefinition> Owners,
        Action<string, string, object?[]> Add,
        IReadOnlySet<Guid>? Importing, HashSet<Guid> NewIds);

    // The fields of the entity, or of one of its lines fields (inLines): checked, each with its id settled.
    private static List<FieldDefinition> Fields(Context context, string prefix, IReadOnlyList<FieldDefinitionDto> request, IReadOnlyList<FieldDefinition> current,
        bool inLines)
    {
        void Add(string key, string code, params object?[] args) => context.Add(key, code, args);
        var fields = new List<FieldDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Count; i++)
        {
            var given = request[i];
            var key = $"{prefix}[{i}]";
            var before = given.Id is { } id ? current.FirstOrDefault(f => f.Id == id) : null;
            if (before is null && context.Importing is not null)
                before = current.FirstOrDefault(f => f.Name == given.Name && request.All(r => r.Id != f.Id));
            else if (given.Id is not null && before is null) Add(key, LowCodeErrors.UnknownField, given.Id);
            if (NameError(given.Name, context.Reserved) is { } fieldError) Add($"{key}.name", fieldError, given.Name);
            else if (SystemColumns.Contains(given.Name)) Add($"{key}.name", LowCodeErrors.ReservedName, given.Name);
            if (!names.Add(given.Name)) Add($"{key}.name", LowCodeErrors.DuplicateName, given.Name);

            var choices = (given.Choices ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (HasChoices(given.Type) && (choices.Count == 0 || choices.Any(c => c.Length > 100))) Add($"{key}.choices", LowCodeErrors.ChoicesRequired);
            if (given.Type == FieldType.Money && choices.Any(c => !Money.IsCurrency(c))) Add($"{key}.choices", LowCodeErrors.CurrencyInvalid);
            if (given.Type is FieldType.MultipleChoice or FieldType.Money && given.Unique) Add($"{key}.unique", LowCodeErrors.RestrictionInvalid);
            if (given.Type == FieldType.Text && given.MaxLength is < 1 or > MaxTextLength) Add($"{key}.maxLength", LowCodeErrors.MaxLengthOutOfRange, MaxTextLength);
            if (given.Type == FieldType.Reference && (given.References is null
                || !context.Entities.Contains(given.References) && !context.Owners.ContainsKey(given.References) && given.References != context.Entity))
                Add($"{key}.references", LowCodeErrors.UnknownReference, given.References);
            if (before is not null && Kind(before) != given.Type && (IsKept(Kind(before)) || IsKept(given.Type))
                || before is { Type: FieldType.Reference } && before.References != given.References)
                Add($"{key}.type", LowCodeErrors.TypeChangeImpossible, before.Type, given.Type);
            if (given.Type == FieldType.Autonumber && !(given.NumberFormat is { Length: <= 60 } format && DocumentNumbers.IsPattern(format)))
                Add($"{key}.numberFormat", LowCodeErrors.NumberFormatInvalid);
            if (given.Pattern is { } pattern && !IsRegex(pattern)) Add($"{key}.pattern", LowCodeErrors.PatternInvalid, pattern);
            if (given.Minimum > given.Maximum) Add($"{key}.minimum", LowCodeErrors.RangeInvalid);
            if (given.Searchable && (inLines || !SchemaPlanner.IsText(given.Type))) Add($"{key}.searchable", LowCodeErrors.SearchableNotText);
            if ((given.ReadRestricted || given.WriteRestricted) && inLines || given.ReadRestricted && given.Searchable)
                Add($"{key}.readRestricted", LowCodeErrors.RestrictionInvalid);

            List<FieldDefinition> lineFields = [];
            if (given.Type == FieldType.Lines)
            {
                if (inLines || given.Fields is not { Count: > 0 }) Add($"{key}.fields", LowCodeErrors.LinesFieldInvalid);
                var table = $"{context.Entity}__{given.Name}";
                if (table.Length > MaxLinesTableName) Add($"{key}.name", LowCodeErrors.LinesNameTooLong, table);
                if (!inLines) lineFields = Fields(context, $"{key}.fields", given.Fields ?? [], before?.Fields ?? [], inLines: true);
            }
            else if (given.Type == FieldType.Attachment && (inLines || given.Required || given.Unique))
            {
                Add($"{key}.type", LowCodeErrors.AttachmentFieldInvalid);
            }
            else if (inLines && given.Type == FieldType.Autonumber)
            {
                Add($"{key}.type", LowCodeErrors.LinesFieldInvalid);
            }

            fields.Add(new FieldDefinition
            {
                Id = before?.Id ?? NewId(context, given.Id),
                Name = given.Name,
                Label = given.Label,
                Type = given.Type,
                Required = given.Required && given.Type != FieldType.Computed,
                Unique = given.Type != FieldType.Lines && given.Unique || given.Type == FieldType.Autonumber,
                Indexed = given.Type != FieldType.Lines && given.Indexed,
                MaxLength = given.Type == FieldType.Text ? given.MaxLength ?? DefaultTextLength : null,
                Minimum = given.Type == FieldType.Computed ? null : given.Minimum,
                Maximum = given.Type == FieldType.Computed ? null : given.Maximum,
                Pattern = given.Type == FieldType.Computed ? null : given.Pattern,
                Expression = given.Type == FieldType.Computed ? given.Expression : null,
                Choices = HasChoices(given.Type) || given.Type == FieldType.Money ? choices : [], // a money field's: its currencies, if it limits them
                References = given.Type == FieldType.Reference ? given.References : null,
                ReferencedTable = given is { Type: FieldType.Reference, References: { } target } ? SchemaPlanner.ReferencedTable(target, context.Owners) : null,
                Deleted = given.Deleted,
                NumberFormat = given.Type == FieldType.Autonumber ? given.NumberFormat : null,
                Fields = lineFields,
                Searchable = given.Searchable,
                ReadRestricted = given.ReadRestricted,
                WriteRestricted = given.WriteRestricted,
            });
        }

        Compute(context, prefix, fields);

        // A field left out of the request is hidden, never dropped: its column and data stay until purged.
        foreach (var missing in current.Where(f => fields.All(n => n.Id != f.Id)))
        {
            if (!names.Add(missing.Name)) Add(prefix, LowCodeErrors.DuplicateName, missing.Name);
            fields.Add(missing.Hidden());
        }

        return fields;
    }

    // An imported field keeps its id where no other field has it (its indexes and number series are named by it).
    private static Guid NewId(Context context, Guid? given) =>
        given is { } id && context.Importing is { } taken && !taken.Contains(id) && context.NewIds.Add(id) ? id : Guid.CreateVersion7();

    // Types whose values no other type's convert to or from: a reference's records, a server's numbers, a table, a list,
    // a computation, a file, an amount that has a currency.
    private static bool IsKept(FieldType type) =>
        type is FieldType.Reference or FieldType.Autonumber or FieldType.Lines or FieldType.MultipleChoice or FieldType.Computed or FieldType.Attachment or FieldType.Money;

    // A stored field's type, or Computed for a computed one (whose type is what its expression makes).
    private static FieldType Kind(FieldDefinition field) => field.Expression is null ? field.Type : FieldType.Computed;

    // Each computed field's expression, compiled over the table's stored fields as they will be (a computed field never
    // reads another: PostgreSQL's generated columns do not); the field takes the type its expression makes.
    private static void Compute(Context context, string prefix, List<FieldDefinition> fields)
    {
        var stored = fields.Where(f => f.HasColumn && !f.Deleted && f.Type != FieldType.Computed).GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] is not { Type: FieldType.Computed } field) continue;
            try
            {
                (field.ComputedSql, field.Type) = ComputedExpression.Compile(field.Expression ?? "", stored);
            }
            catch (FormatException invalid)
            {
                context.Add($"{prefix}[{i}].expression", LowCodeErrors.ExpressionInvalid, [invalid.Message]);
                field.Type = FieldType.Text; // reported; a type the rest of the checks know
            }
        }
    }

    private static bool HasChoices(FieldType type) => type is FieldType.Choice or FieldType.MultipleChoice;

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TableModel.PatternTimeout);
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
