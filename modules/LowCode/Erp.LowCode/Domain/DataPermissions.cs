using Erp.Kernel;

namespace Erp.LowCode.Domain;

/// <summary>
/// The permissions an entity brings, granted to roles like any module's: <c>Data.&lt;entity&gt;</c> to read its records,
/// under it create, update, delete, export and import; with record rules, <c>AllRecords</c> and one per rule
/// (<c>Records.&lt;rule&gt;</c>); for each restricted field, <c>Fields.&lt;field&gt;</c> and its <c>.Write</c>.
/// </summary>
public static class DataPermissions
{
    public static string Read(string entity) => $"Data.{entity}";
    public static string Create(string entity) => $"{Read(entity)}.Create";
    public static string Update(string entity) => $"{Read(entity)}.Update";
    public static string Delete(string entity) => $"{Read(entity)}.Delete";
    public static string Export(string entity) => $"{Read(entity)}.Export";
    public static string Import(string entity) => $"{Read(entity)}.Import";

    /// <summary>Every record of an entity that has record rules, as if it had none.</summary>
    public static string AllRecords(string entity) => $"{Read(entity)}.AllRecords";

    public static string Rule(string entity, string rule) => $"{Read(entity)}.Records.{rule}";
    public static string ReadField(string entity, string field) => $"{Read(entity)}.Fields.{field}";
    public static string WriteField(string entity, string field) => $"{ReadField(entity, field)}.Write";
    public static string Transition(string entity, string transition) => $"{Read(entity)}.Transitions.{transition}";

    public static IReadOnlyList<PermissionDefinition> Of(EntityDefinition entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var (name, plural) = (entity.Name, entity.PluralLabel);
        var read = Read(name);
        return
        [
            new(read, $"See {plural}"),
            new(Create(name), $"Create {plural}", read),
            new(Update(name), $"Change {plural}", read),
            new(Delete(name), $"Delete {plural}", read),
            new(Export(name), $"Export {plural}", read),
            new(Import(name), $"Import {plural}", read),
            .. Access(entity),
            .. (entity.Workflow?.Transitions ?? []).Select(t => new PermissionDefinition(Transition(name, t.Name), $"{plural}: {t.Label}", read)),
        ];
    }

    /// <summary>The permissions of its record rules and restricted fields: what, beyond reading, decides which records and fields a caller gets.</summary>
    public static IReadOnlyList<PermissionDefinition> Access(EntityDefinition entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var (name, plural) = (entity.Name, entity.PluralLabel);
        var read = Read(name);
        var all = new List<PermissionDefinition>();
        if (entity.RecordRules.Count > 0) all.Add(new PermissionDefinition(AllRecords(name), $"Every record of {plural}", read));
        all.AddRange(entity.RecordRules.Select(r => new PermissionDefinition(Rule(name, r.Name), $"{plural}: {r.Label}", read)));
        foreach (var field in entity.Fields.Where(f => !f.Deleted && (f.ReadRestricted || f.WriteRestricted)))
        {
            if (field.ReadRestricted) all.Add(new PermissionDefinition(ReadField(name, field.Name), $"See {field.Label} of {plural}", read));
            if (field.WriteRestricted)
                all.Add(new PermissionDefinition(WriteField(name, field.Name), $"Change {field.Label} of {plural}", field.ReadRestricted ? ReadField(name, field.Name) : read));
        }

        return all;
    }
}
