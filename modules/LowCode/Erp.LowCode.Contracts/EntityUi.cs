using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// How the SPA shows an entity: its form and its list. Both are optional; the view (<c>GET /api/data/{entity}/view</c>)
/// falls back to every field in one section, and to the first columns sorted newest first.
/// </summary>
/// <param name="Menu">Where the entity's list appears in the menu of those who may read it; null: not in the menu.</param>
public sealed record EntityUiDto(FormLayoutDto? Form = null, ListLayoutDto? List = null, MenuEntryDto? Menu = null);

/// <param name="Path">Its place in the menu: up to three names, the last its own (<c>Sales/Orders</c>).</param>
/// <param name="Order">Among its siblings, lower first.</param>
public sealed record MenuEntryDto([property: Required, StringLength(150)] string Path, int Order = 0);

/// <summary>A form: tabs of sections of fields, each field at most once.</summary>
public sealed record FormLayoutDto([property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<FormTabDto> Tabs);

public sealed record FormTabDto(
    [property: Required, StringLength(100)] string Label,
    [property: Required, MaxLength(50)] IReadOnlyList<FormSectionDto> Sections);

/// <param name="Columns">How many fields stand side by side: 1 to 4.</param>
public sealed record FormSectionDto(
    [property: StringLength(100)] string? Label,
    [property: Range(1, 4)] int Columns,
    [property: Required, MaxLength(200)] IReadOnlyList<FormFieldDto> Fields);

/// <summary>A field of a form, read-only or hidden while the record matches a condition (a filter on the entity's own fields).</summary>
public sealed record FormFieldDto(
    [property: Required, StringLength(63)] string Field,
    RecordFilter? ReadOnlyWhen = null,
    RecordFilter? HiddenWhen = null);

/// <summary>A list: its columns, its sort (<c>field</c> or <c>-field</c>) and the filter it starts with.</summary>
public sealed record ListLayoutDto(
    [property: Required, MinLength(1), MaxLength(50)] IReadOnlyList<string> Columns,
    [property: StringLength(64)] string? Sort = null,
    RecordFilter? Filter = null);

/// <summary>
/// Everything the SPA needs to show an entity's list and form to the caller, in one answer: the fields they see (with
/// whether they may set each), the form and list (hidden fields left out), the workflow's states and the transitions they
/// may take, what they may do, and the lists they saved.
/// </summary>
public sealed record EntityViewDto(
    string Name, string Label, string PluralLabel, string? DisplayField, string? Icon, int Revision, IReadOnlyList<FieldViewDto> Fields, FormLayoutDto Form,
    ListLayoutDto List, WorkflowViewDto? Workflow, EntityAbilitiesDto Can, IReadOnlyList<SavedViewDto> Views);

/// <param name="ReferenceDisplay">
/// For a reference the caller may follow (they hold the referenced entity's read permission): the property of its expanded
/// record that names it (the referenced entity's display field, <c>display</c> for a module's or plugin's entity, or
/// <c>id</c>); null when they may not, and then the reference is neither expanded nor looked up.
/// </param>
public sealed record FieldViewDto(
    string Name, string Label, FieldType Type, bool Required, bool ReadOnly, int? MaxLength, decimal? Minimum, decimal? Maximum, string? Pattern,
    IReadOnlyList<string>? Choices, string? References, bool Searchable, IReadOnlyList<FieldViewDto>? Fields, string? ReferenceDisplay = null);

/// <summary>A record a reference field may point to, as a form's search-as-you-type offers it: its id and what names it.</summary>
public sealed record ReferenceOptionDto(Guid Id, string Display);

public sealed record WorkflowViewDto(string Field, IReadOnlyList<WorkflowStateDto> States, IReadOnlyList<WorkflowTransitionDto> Transitions);

public sealed record EntityAbilitiesDto(bool Create, bool Update, bool Delete, bool Export, bool Import);

/// <summary>A list as a user keeps it for themselves: its filter, sort, columns and search; one of an entity's may be their default.</summary>
public sealed record SaveViewRequest(
    [property: Required, StringLength(100)] string Name,
    RecordFilter? Filter = null,
    [property: StringLength(64)] string? Sort = null,
    [property: MaxLength(50)] IReadOnlyList<string>? Columns = null,
    [property: StringLength(200)] string? Search = null,
    bool IsDefault = false);

public sealed record SavedViewDto(Guid Id, string Name, RecordFilter? Filter, string? Sort, IReadOnlyList<string>? Columns, string? Search, bool IsDefault);
