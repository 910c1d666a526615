using Erp.Companies;

namespace Erp.LowCode.Domain;

/// <summary>
/// What one caller may do with an entity's records beyond its permissions, from the permissions they hold: which records
/// (<see cref="Rules"/>, the record rules granted to them, or every record) and which fields they see and set. Made once
/// per model and combination of those permissions (<see cref="EntityModel.AccessFor"/>), then shared.
/// </summary>
public sealed class RecordAccess
{
    private readonly HashSet<string> _hidden;
    private readonly HashSet<string> _readOnly;

    internal RecordAccess(EntityModel model, IReadOnlySet<string> granted)
    {
        var entity = model.Name;
        Rules = model.RecordRules.Count == 0 || granted.Contains(DataPermissions.AllRecords(entity)) ? null
            : [.. model.RecordRules.Where(r => granted.Contains(DataPermissions.Rule(entity, r.Name)))];
        _hidden = [.. model.Fields.Values.Where(f => f.ReadRestricted && !granted.Contains(DataPermissions.ReadField(entity, f.Name))).Select(f => f.Name)];
        _readOnly = [.. model.Fields.Values.Where(f => f.WriteRestricted && !granted.Contains(DataPermissions.WriteField(entity, f.Name))).Select(f => f.Name)];
        Columns = [.. model.Columns.Where(CanRead)];
        HasTeamRule = Rules?.Any(r => r.Kind == RecordRuleKind.Team) == true;
        _rulePaths = model.OwnPaths;
    }

    /// <summary>
    /// Every record and field of <paramref name="table"/>: a module's or plugin's rows as references reach them, which the
    /// owner's read permission opens entirely (the engine has no record rules or field permissions for them).
    /// </summary>
    internal RecordAccess(TableModel table)
    {
        Rules = null;
        (_hidden, _readOnly) = ([], []);
        Columns = table.Columns;
        _rulePaths = table.OwnPaths;
    }

    // A rule's filter names any of the entity's own columns, restricted ones too: the rule is the administrator's.
    private readonly IReadOnlyDictionary<string, FilterPath> _rulePaths;

    /// <summary>The record rules whose records the caller works with (none: no record); null for every record.</summary>
    public IReadOnlyList<RecordRule>? Rules { get; }

    /// <summary>The columns the caller sees, in their order.</summary>
    public IReadOnlyList<FieldDefinition> Columns { get; }


    public bool CanRead(FieldDefinition field) => !_hidden.Contains(field.Name);

    public bool CanWrite(FieldDefinition field) => CanRead(field) && !_readOnly.Contains(field.Name);

    /// <summary>A row of the entity's table (aliased <paramref name="alias"/>) as one JSON object of what the caller sees.</summary>
    public string JsonOf(string alias) => TableModel.JsonObject(Columns, alias);

    /// <summary>The record without the fields the caller does not see (a write returns the whole row).</summary>
    public Dictionary<string, object?> Redact(Dictionary<string, object?> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        foreach (var hidden in _hidden) record.Remove(hidden);
        return record;
    }

    /// <summary>
    /// The condition on a row (aliased <paramref name="alias"/>) of the records the caller works with: null for every
    /// record, <c>false</c> when no rule is granted. Values, the caller's among them, are parameters.
    /// </summary>
    /// <param name="teammates">Who is on a team with the caller, by company; needed when <see cref="HasTeamRule"/>.</param>
    public string? Condition(string alias, Func<object?, string> parameter, Guid? userId, string? userName, IReadOnlyList<Teammate>? teammates = null)
    {
        if (Rules is null) return null;
        if (Rules.Count == 0) return "false";
        var variables = Variables(userId, userName);
        return "(" + string.Join(" OR ", Rules.Select(rule => rule.Kind switch
        {
            RecordRuleKind.Own => userId is null ? "false" : $"{alias}.created_by = {parameter(userId)}",
            RecordRuleKind.Team => teammates is not { Count: > 0 } ? "false"
                : $"EXISTS (SELECT 1 FROM unnest({parameter(teammates.Select(t => t.CompanyId).ToArray())}::uuid[], " +
                  $"{parameter(teammates.Select(t => t.UserId).ToArray())}::uuid[]) AS team (company_id, user_id) " +
                  $"WHERE team.company_id = {alias}.company_id AND team.user_id = {alias}.created_by)",
            _ => RecordFilters.Condition(rule.Filter!, _rulePaths, parameter, _ => "false", alias, variables),
        })) + ")";
    }

    /// <summary>Whether a rule the caller holds is decided by their teams (so <see cref="Condition"/> needs their teammates).</summary>
    public bool HasTeamRule { get; }

    /// <summary>What the caller's values in a filter an administrator wrote (<see cref="UserId"/>, <see cref="UserName"/>) stand for.</summary>
    public static IReadOnlyDictionary<string, string?> Variables(Guid? userId, string? userName) =>
        new Dictionary<string, string?> { [UserId] = userId?.ToString(), [UserName] = userName };

    /// <summary>The value in a rule's filter that stands for the caller's user id.</summary>
    public const string UserId = "{user.id}";

    /// <summary>The value in a rule's filter that stands for the caller's user name.</summary>
    public const string UserName = "{user.name}";
}
