using System.Globalization;
using Erp.Kernel.Data;

namespace Erp.LowCode.Domain;

/// <summary>
/// The DDL that brings an entity's table from its applied definition to a new one, and the checks that must find no
/// row before it runs (values a type change cannot convert, duplicates under a new unique rule). Names are checked by
/// <see cref="DefinitionRules"/> before they get here, and quoted in every statement; no value is ever put in SQL
/// except choices, which are escaped as literals. Indexes and constraints are named after the field's id, so a
/// rename moves nothing but the column.
/// </summary>
public static class SchemaPlanner
{
    public const string DataSchema = "data";

    /// <summary>The composite type of money fields' columns (the module's migrations make it): an amount and a currency.</summary>
    public const string MoneyType = "lowcode.currency_amount";

    public static SchemaPlan Plan(EntityDefinition? current, string name, EntityShape proposed, bool rowSecurity)
    {
        var table = Table(name);
        var plan = new SchemaPlan();
        if (current is null)
        {
            plan.Statements.Add(
                $"CREATE TABLE {table} (\n  id uuid PRIMARY KEY,\n  company_id uuid NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now(),\n" +
                $"  created_by uuid,\n  modified_at timestamptz,\n  modified_by uuid{ColumnList(proposed.Fields)}\n)");
            plan.Statements.Add($"CREATE INDEX \"ix_{name}_company\" ON {table} (company_id, created_at)");
            if (rowSecurity) plan.Statements.Add(CompanyRowSecurity.EnableStatements(table));
            foreach (var field in proposed.Fields.Where(f => f.HasColumn)) AddIndexes(plan.Statements, table, field, concurrently: false); // an empty table: no one waits
            foreach (var lines in proposed.Fields.Where(f => !f.HasColumn)) CreateLines(plan, name, lines, rowSecurity);
            if (Searched(proposed.Fields).Count > 0) plan.Statements.Add(CreateSearchIndex(name, proposed.Fields, concurrently: false));
            return plan;
        }

        Change(plan, name, table, current.Fields, proposed.Fields, rowSecurity);
        if (!Searched(current.Fields).Select(f => f.Id).SequenceEqual(Searched(proposed.Fields).Select(f => f.Id)))
        {
            plan.Statements.Add($"DROP INDEX IF EXISTS {SearchIndex(name)}");
            if (Searched(proposed.Fields).Count > 0) plan.AfterCommit.Add(CreateSearchIndex(name, proposed.Fields, concurrently: true));
        }

        return plan;
    }

    /// <summary>The types of fields that hold text: searchable, and filtered by contains and starts-with.</summary>
    public static bool IsText(FieldType type) => type is FieldType.Text or FieldType.LongText or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Choice;

    /// <summary>The entity's search index, qualified and quoted.</summary>
    public static string SearchIndex(string entity) => $"{DataSchema}.\"sx_{entity}\"";

    /// <summary>
    /// The text a search looks in: the searchable fields' values, in the order the fields were made (so renaming or
    /// reordering fields leaves it, and its index, as they are). The search's conditions use this very expression, which
    /// is what lets PostgreSQL use the index.
    /// </summary>
    public static string SearchText(IEnumerable<FieldDefinition> fields) =>
        "(" + string.Join(" || ' ' || ", Searched(fields).Select(f => $"coalesce({f.Column}::text, '')")) + ")";

    private static List<FieldDefinition> Searched(IEnumerable<FieldDefinition> fields) =>
        [.. fields.Where(f => f.Searchable && !f.Deleted).OrderBy(f => f.Id.ToString("N"), StringComparer.Ordinal)];

    // A trigram index (pg_trgm, created by the module's migration): ILIKE '%word%' over the text finds rows through it.
    private static string CreateSearchIndex(string entity, IEnumerable<FieldDefinition> fields, bool concurrently) =>
        $"CREATE INDEX {(concurrently ? "CONCURRENTLY IF NOT EXISTS " : "")}\"sx_{entity}\" ON {Table(entity)} USING gin ({SearchText(fields)} public.gin_trgm_ops)";

    /// <summary>
    /// The DDL that brings the extra fields of an owner's <paramref name="table"/> (quoted) from <paramref name="current"/> to
    /// <paramref name="proposed"/>, the fields named by their columns (<see cref="EntityExtension.Columns"/>).
    /// </summary>
    /// <param name="was">The workflow the extension had.</param>
    /// <param name="workflow">The workflow it will have: its state column's default is the initial state, which rows without one take.</param>
    public static SchemaPlan PlanExtension(string table, IReadOnlyList<FieldDefinition> current, IReadOnlyList<FieldDefinition> proposed, Workflow? was, Workflow? workflow)
    {
        var plan = new SchemaPlan();
        Change(plan, "", table, current, proposed, rowSecurity: false); // extra fields are columns only: no lines tables
        FieldDefinition StateOf(IReadOnlyList<FieldDefinition> fields, Workflow flow) => fields.First(f => f.Name == flow.Field);
        if (was is not null && (workflow is null || was.Field != workflow.Field))
        {
            var old = StateOf(current, was);
            plan.Statements.Add($"ALTER TABLE {table} ALTER COLUMN {proposed.FirstOrDefault(f => f.Id == old.Id)?.Column ?? old.Column} DROP DEFAULT");
        }

        if (workflow is not null && (was is null || was.Field != workflow.Field || was.Initial.Name != workflow.Initial.Name))
        {
            var state = StateOf(proposed, workflow).Column;
            var initial = Literals([workflow.Initial.Name]);
            plan.Statements.Add($"ALTER TABLE {table} ALTER COLUMN {state} SET DEFAULT {initial}");
            plan.Statements.Add($"UPDATE {table} SET {state} = {initial} WHERE {state} IS NULL");
        }

        return plan;
    }

    /// <summary>A table of the data schema, quoted.</summary>
    public static string Table(string name) => $"{DataSchema}.\"{name}\"";

    /// <summary>The table of the entity a reference names: a module's or plugin's (one of <paramref name="owners"/>), else a low-code entity's.</summary>
    public static string ReferencedTable(string entity, IReadOnlyDictionary<string, ExtensibleEntityDefinition> owners) =>
        owners.TryGetValue(entity, out var owner) ? EntityExtension.TableOf(owner) : Table(entity);

    // The fields of one table (the entity's, or a lines field's), from what they were to what they become.
    private static void Change(SchemaPlan plan, string entity, string table, IReadOnlyList<FieldDefinition> current, IReadOnlyList<FieldDefinition> proposed,
        bool rowSecurity)
    {
        // Computed columns whose expression changes are made anew, and so are all of them when a stored column changes
        // type (PostgreSQL alters no column a generated one reads): dropped first, added last, computing every row again.
        var storedTypeChanges = proposed.Any(f => f.HasColumn && f.Expression is null && current.FirstOrDefault(c => c.Id == f.Id) is { } was && ColumnType(was) != ColumnType(f));
        var remade = proposed.Where(f => f.Expression is not null && current.FirstOrDefault(c => c.Id == f.Id) is { } was
            && (was.Expression != f.Expression || was.Type != f.Type || storedTypeChanges)).ToList();
        foreach (var field in remade) plan.Statements.Add($"ALTER TABLE {table} DROP COLUMN {current.First(c => c.Id == field.Id).Column}");

        foreach (var field in proposed.Except(remade))
        {
            var before = current.FirstOrDefault(f => f.Id == field.Id);
            if (!field.HasColumn)
            {
                if (before is null)
                {
                    CreateLines(plan, entity, field, rowSecurity);
                    continue;
                }

                if (before.Name != field.Name) plan.Statements.Add($"ALTER TABLE {Table(before.LinesTable(entity))} RENAME TO \"{field.LinesTable(entity)}\"");
                Change(plan, entity, Table(field.LinesTable(entity)), before.Fields, field.Fields, rowSecurity);
                continue;
            }

            if (before is null)
            {
                plan.Statements.Add($"ALTER TABLE {table} ADD COLUMN {field.Column} {ColumnType(field)}{Constraints(field)}");
                AddIndexes(plan.AfterCommit, table, field, concurrently: true);
                continue;
            }

            if (before.Name != field.Name) plan.Statements.Add($"ALTER TABLE {table} RENAME COLUMN {before.Column} TO {field.Column}");
            ChangeType(plan, table, before, field);
            ChangeChoices(plan, table, before, field);
            ChangeIndexes(plan, table, before, field);
        }

        foreach (var field in remade)
        {
            plan.Statements.Add($"ALTER TABLE {table} ADD COLUMN {field.Column} {ColumnType(field)}{Constraints(field)}");
            AddIndexes(plan.AfterCommit, table, field, concurrently: true);
        }
    }

    // A lines field's table: its rows belong to a record (deleted with it) and to the record's company, in their order.
    // It is new, so empty: its indexes are built in the transaction.
    private static void CreateLines(SchemaPlan plan, string entity, FieldDefinition lines, bool rowSecurity)
    {
        var table = Table(lines.LinesTable(entity));
        plan.Statements.Add(
            $"CREATE TABLE {table} (\n  id uuid PRIMARY KEY,\n  parent_id uuid NOT NULL CONSTRAINT \"fk_{lines.Id:N}\" REFERENCES {Table(entity)} (id) ON DELETE CASCADE,\n" +
            $"  company_id uuid NOT NULL,\n  line_no integer NOT NULL{ColumnList(lines.Fields)}\n)");
        plan.Statements.Add($"CREATE INDEX \"lx_{lines.Id:N}\" ON {table} (parent_id, line_no)");
        if (rowSecurity) plan.Statements.Add(CompanyRowSecurity.EnableStatements(table));
        foreach (var field in lines.Fields) AddIndexes(plan.Statements, table, field, concurrently: false);
    }

    private static string ColumnList(IEnumerable<FieldDefinition> fields) =>
        string.Concat(fields.Where(f => f.HasColumn).Select(f => $",\n  {f.Column} {ColumnType(f)}{Constraints(f)}"));

    /// <summary>The column type a field's values are stored as.</summary>
    public static string ColumnType(FieldDefinition field) => field.Expression is not null ? field.Type == FieldType.Number ? "numeric" : "text" : field.Type switch
    {
        FieldType.Text or FieldType.Choice or FieldType.Email or FieldType.Url or FieldType.Phone => $"varchar({MaxLength(field)})",
        FieldType.LongText => "text",
        FieldType.WholeNumber => "bigint",
        FieldType.Number => "numeric(28, 8)",
        FieldType.Boolean => "boolean",
        FieldType.Date => "date",
        FieldType.DateTime => "timestamptz",
        FieldType.Reference or FieldType.Attachment => "uuid",
        FieldType.Autonumber => "varchar(100)",
        FieldType.MultipleChoice => "varchar(100)[]",
        FieldType.Money => MoneyType,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, null),
    };

    private static string Constraints(FieldDefinition field) => field.Expression is not null
        ? $" GENERATED ALWAYS AS ({field.ComputedSql ?? throw new InvalidOperationException($"{field.Name}'s expression was not compiled.")}) STORED"
        : field.Type switch
    {
        FieldType.Choice or FieldType.MultipleChoice or FieldType.Money => $" CONSTRAINT \"ck_{field.Id:N}\" CHECK ({ChoiceCheck(field, field.Column)})",
        FieldType.Reference => $" CONSTRAINT \"fk_{field.Id:N}\" REFERENCES {field.ReferencedTable ?? throw new InvalidOperationException($"{field.Name}'s reference was not settled.")} (id)",
        _ => "",
    };

    // Unique and indexed fields are so per company: two companies may each have customer number 1000. On a table that
    // has rows, an index is built concurrently, after the change commits: writes go on while it builds.
    private static void AddIndexes(List<string> statements, string table, FieldDefinition field, bool concurrently)
    {
        var how = concurrently ? "CONCURRENTLY IF NOT EXISTS " : "";
        if (field.Unique) statements.Add($"CREATE UNIQUE INDEX {how}\"ux_{field.Id:N}\" ON {table} (company_id, {field.Column})");
        // The choices a record holds are looked up inside the array (@>, &&): a GIN index, which the company's condition does without.
        else if (field.Indexed && field.Type == FieldType.MultipleChoice) statements.Add($"CREATE INDEX {how}\"ix_{field.Id:N}\" ON {table} USING gin ({field.Column})");
        // A money field is compared by its amount (see FilterPath.Operand), so its amount is what is indexed.
        else if (field.Indexed && field.Type == FieldType.Money) statements.Add($"CREATE INDEX {how}\"ix_{field.Id:N}\" ON {table} (company_id, (({field.Column}).amount))");
        else if (field.Indexed || field.Type == FieldType.Reference) statements.Add($"CREATE INDEX {how}\"ix_{field.Id:N}\" ON {table} (company_id, {field.Column})");
    }

    /// <summary>The name of the index a field has (or would have), for dropping one whose concurrent build failed.</summary>
    public static string? IndexName(FieldDefinition field, string schema = DataSchema) => IndexOf(field) is { } prefix ? $"{schema}.\"{prefix}_{field.Id:N}\"" : null;

    // An index is in its table's schema: a quoted table is the schema, a dot, and its name.
    private static string SchemaOf(string table) => table[..table.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>
    /// Drops a hidden field's column (and with it its indexes and constraints), or a hidden lines field's table; a field
    /// of <paramref name="lines"/> is a column of its table.
    /// </summary>
    public static string Purge(EntityDefinition entity, FieldDefinition field, FieldDefinition? lines = null) =>
        lines is not null ? $"ALTER TABLE {Table(lines.LinesTable(entity.Name))} DROP COLUMN {field.Column}"
        : field.HasColumn ? $"ALTER TABLE {entity.Table} DROP COLUMN {field.Column}"
        : $"DROP TABLE {Table(field.LinesTable(entity.Name))}";

    private static void ChangeIndexes(SchemaPlan plan, string table, FieldDefinition before, FieldDefinition field)
    {
        var (had, has) = (IndexOf(before), IndexOf(field));
        if (had == has) return;
        if (had is not null) plan.Statements.Add($"DROP INDEX {SchemaOf(table)}.\"{had}_{field.Id:N}\"");
        if (field.Unique)
        {
            plan.Checks.Add(new SchemaCheck(field.Name, "low-code.field.unique-has-duplicates",
                $"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {before.Column} IS NOT NULL GROUP BY company_id, {before.Column} HAVING count(*) > 1) AS duplicates"));
        }

        AddIndexes(plan.AfterCommit, table, field, concurrently: true);
    }

    private static string? IndexOf(FieldDefinition field) => field.Unique ? "ux" : field.Indexed || field.Type == FieldType.Reference ? "ix" : null;

    private static void ChangeType(SchemaPlan plan, string table, FieldDefinition before, FieldDefinition field)
    {
        var (from, to) = (ColumnType(before), ColumnType(field));
        if (from == to && before.References == field.References) return;
        if (Unconvertible(before, field) is not { } check) return; // changes to or from a reference were refused by the rules
        plan.Checks.Add(new SchemaCheck(field.Name, "low-code.field.values-do-not-convert", $"SELECT count(*) FROM {table} WHERE {check}"));
        // Through text (and numeric for whole numbers), which every checked value survives: '12.0' becomes 12, 'yes' true.
        var through = field.Type == FieldType.WholeNumber ? "::numeric" : "";
        plan.Statements.Add($"ALTER TABLE {table} ALTER COLUMN {field.Column} TYPE {to} USING ({field.Column}::text){through}::{to}");
    }

    /// <summary>The condition of rows whose value cannot become the new type ("false" when all can); null for a reference.</summary>
    private static string? Unconvertible(FieldDefinition before, FieldDefinition field)
    {
        var value = $"{before.Column}::text";
        return field.Type switch
        {
            FieldType.Text or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Choice => $"length({value}) > {MaxLength(field)}",
            FieldType.LongText => "false",
            FieldType.WholeNumber => $"{before.Column} IS NOT NULL AND {value} !~ '^\\s*[-+]?[0-9]{{1,18}}(\\.0*)?\\s*$'",
            FieldType.Number => $"{before.Column} IS NOT NULL AND {value} !~ '^\\s*[-+]?([0-9]{{1,20}}(\\.[0-9]*)?|\\.[0-9]+)\\s*$'",
            FieldType.Boolean => $"{before.Column} IS NOT NULL AND lower(trim({value})) NOT IN ('true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', '1', '0', 'on', 'off')",
            FieldType.Date => $"{before.Column} IS NOT NULL AND {value} !~ '^\\s*[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}\\s*$'",
            FieldType.DateTime => $"{before.Column} IS NOT NULL AND {value} !~ '^\\s*[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([ T][0-9:.]+([+-][0-9:]+|Z)?)?\\s*$'",
            _ => null,
        };
    }

    /// <summary>The most characters a field of one line holds (its <c>varchar</c>'s length); null for the other types.</summary>
    public static int? MaxLength(FieldDefinition field) => field.Type switch
    {
        FieldType.Text => field.MaxLength ?? DefinitionRules.DefaultTextLength,
        FieldType.Choice => 100,
        FieldType.Email => 320,
        FieldType.Url => 2000,
        FieldType.Phone => 50,
        _ => null,
    };

    private static void ChangeChoices(SchemaPlan plan, string table, FieldDefinition before, FieldDefinition field)
    {
        var was = HasCheck(before.Type) ? before.Choices : null;
        var now = HasCheck(field.Type) ? field.Choices : null;
        if (was is not null && now is not null && was.SequenceEqual(now)) return;
        if (was is not null) plan.Statements.Add($"ALTER TABLE {table} DROP CONSTRAINT \"ck_{field.Id:N}\"");
        if (now is null) return;
        var value = field.Type is FieldType.MultipleChoice or FieldType.Money ? before.Column : $"{before.Column}::text";
        plan.Checks.Add(new SchemaCheck(field.Name, "low-code.field.values-do-not-convert",
            $"SELECT count(*) FROM {table} WHERE {before.Column} IS NOT NULL AND NOT ({ChoiceCheck(field, value)})"));
        plan.Statements.Add($"ALTER TABLE {table} ADD CONSTRAINT \"ck_{field.Id:N}\" CHECK ({ChoiceCheck(field, field.Column)})");
    }

    // The types whose columns have a check of their values (ck_<field id>).
    private static bool HasCheck(FieldType type) => type is FieldType.Choice or FieldType.MultipleChoice or FieldType.Money;

    // A value among the field's choices; for a multiple choice, every value it holds; for money, an amount and a currency
    // code (one of the field's currencies when it lists them), or no value at all (a composite IS NULL when all is null).
    private static string ChoiceCheck(FieldDefinition field, string value) => field.Type switch
    {
        FieldType.MultipleChoice => $"{value} <@ ARRAY[{Literals(field.Choices)}]::varchar(100)[]",
        FieldType.Money => $"{value} IS NULL OR ({value}).amount IS NOT NULL AND ({value}).currency IS NOT NULL AND " +
                           (field.Choices.Count == 0 ? $"({value}).currency ~ '^[A-Z]{{3}}$'" : $"({value}).currency IN ({Literals(field.Choices)})"),
        _ => $"{value} IN ({Literals(field.Choices)})",
    };

    // Choices are values, not names: PostgreSQL literals, quotes doubled (standard_conforming_strings is on).
    private static string Literals(IEnumerable<string> values) => string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"));
}

/// <summary>The statements of one change, the checks to run before them, and what runs after the commit (concurrent index builds).</summary>
public sealed class SchemaPlan
{
    public List<string> Statements { get; } = [];
    public List<SchemaCheck> Checks { get; } = [];
    public List<string> AfterCommit { get; } = [];
}

/// <param name="CountSql">Counts the rows that stop the change; zero lets it run.</param>
public sealed record SchemaCheck(string Field, string Code, string CountSql);
