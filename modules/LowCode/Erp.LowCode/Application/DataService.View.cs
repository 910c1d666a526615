using Erp.LowCode.Domain;

namespace Erp.LowCode.Application;

/// <summary>The view of <see cref="DataService"/>: what the SPA needs to show an entity to the caller.</summary>
internal sealed partial class DataService
{
    /// <summary>The default list shows this many columns.</summary>
    public const int DefaultListColumns = 6;

    /// <summary>
    /// The entity as the caller sees it: the fields they see (read-only where they may not set one, or the server does),
    /// the form and list laid out by the administrator (or the defaults) without the fields hidden from them, the workflow's
    /// transitions they may take, and what they may do. Made from the compiled model and the permissions they hold.
    /// </summary>
    public async Task<EntityViewDto> ViewAsync(string entity, IReadOnlyList<SavedViewDto> saved, CancellationToken cancellationToken)
    {
        var (model, access) = await ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);
        var granted = await permissions.GetGrantedAsync(http.HttpContext!.User, cancellationToken);
        var seen = model.OrderedFields.Where(access.CanRead).ToList();
        var names = seen.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var displays = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var target in seen.SelectMany(f => f.HasColumn ? [f] : f.Fields).Where(f => f.Type == FieldType.Reference).Select(f => f.References!).Distinct())
            displays[target] = await ReferenceDisplayAsync(target, granted, cancellationToken);

        var form = model.Ui?.Form is { } laidOut
            ? new FormLayoutDto([.. laidOut.Tabs
                .Select(tab => tab with { Sections = [.. tab.Sections.Select(s => s with { Fields = [.. s.Fields.Where(f => names.Contains(f.Field))] }).Where(s => s.Fields.Count > 0)] })
                .Where(tab => tab.Sections.Count > 0)])
            : null;
        if (form is null || form.Tabs.Count == 0)
            form = new FormLayoutDto([new FormTabDto(model.Label, [new FormSectionDto(null, 2, [.. seen.Select(f => new FormFieldDto(f.Name))])])]);

        var columns = model.Ui?.List?.Columns.Where(names.Contains).ToList() ?? [];
        var list = columns.Count > 0
            ? model.Ui!.List! with { Columns = columns, Sort = model.Ui.List.Sort is { } sort && (sort.TrimStart('-') == "createdAt" || names.Contains(sort.TrimStart('-'))) ? sort : "-createdAt" }
            : new ListLayoutDto([.. seen.Where(f => f.HasColumn).Take(DefaultListColumns).Select(f => f.Name)], "-createdAt");

        var workflow = model.Workflow is { } w ? new WorkflowViewDto(w.Field,
            [.. w.States.Select(s => new WorkflowStateDto(s.Name, s.Label, s.Initial, s.ReadOnly))],
            [.. w.Transitions.Where(t => granted.Contains(DataPermissions.Transition(entity, t.Name))).Select(t => new WorkflowTransitionDto(t.Name, t.Label, t.From, t.To, t.Condition))])
            : null;

        return new EntityViewDto(model.Name, model.Label, model.PluralLabel, model.DisplayField, model.Icon, model.Revision, [.. seen.Select(f => View(model, access, f, displays))], form, list,
            workflow, new EntityAbilitiesDto(granted.Contains(DataPermissions.Create(entity)), granted.Contains(DataPermissions.Update(entity)),
                granted.Contains(DataPermissions.Delete(entity)), granted.Contains(DataPermissions.Export(entity)), granted.Contains(DataPermissions.Import(entity))),
            saved);
    }

    /// <summary>Refuses a caller without the entity's read permission (403), or an entity that does not exist (404).</summary>
    public Task CheckReadableAsync(string entity, CancellationToken cancellationToken) => ModelAsync(entity, DataPermissions.Read(entity), cancellationToken);

    // What names a referenced record the caller may read (see FieldViewDto.ReferenceDisplay); null when they may not.
    private async Task<string?> ReferenceDisplayAsync(string target, IReadOnlySet<string> granted, CancellationToken cancellationToken)
    {
        if (await extensions.GetAsync(target, cancellationToken) is { } owner)
            return granted.Contains(owner.Owner.ReadPermission) ? owner.Owner.DisplayColumn is null ? "id" : ExtensionModel.DisplayField : null;
        return granted.Contains(DataPermissions.Read(target)) ? (await models.GetAsync(target, cancellationToken))?.DisplayField ?? "id" : null;
    }

    private static FieldViewDto View(EntityModel model, RecordAccess access, FieldDefinition field, IReadOnlyDictionary<string, string?> displays) => new(
        field.Name, field.Label, field.Type, field.Required, model.IsSetByServer(field) || !access.CanWrite(field), field.MaxLength, field.Minimum, field.Maximum, field.Pattern,
        field.Choices is [] ? null : field.Choices, field.References, field.Searchable,
        field.HasColumn ? null : [.. field.Fields.Where(f => !f.Deleted).Select(f => View(model, access, f, displays))],
        field.References is { } target ? displays.GetValueOrDefault(target) : null);
}
