using System.ComponentModel.DataAnnotations;
using Erp.Kernel;

namespace Erp.LowCode;

/// <summary>The kinds of field an administrator gives an entity; each is a real, typed column.</summary>
public enum FieldType
{
    /// <summary>One line, up to <c>MaxLength</c> (200 by default, 4,000 at most).</summary>
    Text,
    LongText,
    WholeNumber,
    Number,
    Boolean,
    Date,
    DateTime,

    /// <summary>One of <c>Choices</c>, checked by the database.</summary>
    Choice,
    Email,
    Url,
    Phone,

    /// <summary>A record of another low-code entity (<c>References</c>), a foreign key.</summary>
    Reference,

    /// <summary>
    /// A number the server gives each new record by <c>NumberFormat</c> (<c>INV-{yyyy}-{#####}</c>), per company, gap-free:
    /// read-only, and unique.
    /// </summary>
    Autonumber,

    /// <summary>
    /// Line items the record owns (an order's lines), with fields of their own (<c>Fields</c>): a table of their own,
    /// <c>&lt;entity&gt;__&lt;field&gt;</c>, whose rows are written and read with the record and deleted with it.
    /// </summary>
    Lines,

    /// <summary>
    /// A file attached to the record (through the attachments API, <c>/api/attachments/data-&lt;entity&gt;/&lt;id&gt;</c>), by
    /// the attachment's id: set once the file is attached, so never required; checked to be one of the record's files.
    /// </summary>
    Attachment,

    /// <summary>
    /// A value the server computes from the record's other stored fields by <c>Expression</c> (<c>quantity * price</c>): a
    /// number or a text, as the expression makes it; read-only, filtered and sorted like any field.
    /// </summary>
    Computed,

    /// <summary>Any number of <c>Choices</c> (a JSON array, each once), checked by the database; filtered by the choices a record holds.</summary>
    MultipleChoice,

    /// <summary>
    /// An amount in a currency, <c>{"amount": 12.5, "currency": "EUR"}</c> (an ISO 4217 code; one of <c>Choices</c> when the
    /// field lists currencies), one column of both. <c>Minimum</c> and <c>Maximum</c> bound the amount; filters and sorts
    /// compare the amount, <c>&lt;field&gt;.currency</c> filters by the currency. Files write it <c>12.5 EUR</c>.
    /// </summary>
    Money,
}

/// <param name="Id">Null for a new field; an existing field's id keeps its column (and its data) when its name changes.</param>
/// <param name="Name">The column: lower-case letters, digits and underscores, starting with a letter.</param>
/// <param name="Minimum">The smallest value a number field (or a money field's amount) takes.</param>
/// <param name="Pattern">A regular expression every value of a text field matches.</param>
/// <param name="Deleted">Hidden from the API and UI; its column and data stay until purged.</param>
/// <param name="NumberFormat">An autonumber's format: <c>{yyyy}</c>, <c>{yy}</c>, <c>{MM}</c> and the number as a run of <c>#</c> in braces.</param>
/// <param name="Fields">The fields of each line of a <see cref="FieldType.Lines"/> field (any type but lines and autonumber).</param>
/// <param name="Searchable">Part of the entity's full-text search (text fields of the entity itself), through a trigram index.</param>
/// <param name="ReadRestricted">
/// Only holders of the field's own permission (<c>Data.&lt;entity&gt;.Fields.&lt;field&gt;</c>) see it: for anyone else it is
/// absent from every response and export, and cannot be filtered or sorted by. Fields of the entity itself, not searchable.
/// </param>
/// <param name="WriteRestricted">Only holders of <c>Data.&lt;entity&gt;.Fields.&lt;field&gt;.Write</c> set it; others see it read-only.</param>
/// <param name="Expression">A computed field's expression (see <see cref="FieldType.Computed"/>).</param>
public sealed record FieldDefinitionDto(
    Guid? Id,
    [property: Required, StringLength(63)] string Name,
    [property: Required, StringLength(200)] string Label,
    FieldType Type,
    bool Required = false,
    bool Unique = false,
    bool Indexed = false,
    int? MaxLength = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    [property: StringLength(500)] string? Pattern = null,
    IReadOnlyList<string>? Choices = null,
    [property: StringLength(63)] string? References = null,
    bool Deleted = false,
    [property: StringLength(60)] string? NumberFormat = null,
    [property: MaxLength(100)] IReadOnlyList<FieldDefinitionDto>? Fields = null,
    bool Searchable = false,
    bool ReadRestricted = false,
    bool WriteRestricted = false,
    [property: StringLength(1000)] string? Expression = null);

/// <summary>Which records a record rule lets the roles holding it see, change and delete.</summary>
public enum RecordRuleKind
{
    /// <summary>The records the caller created.</summary>
    Own,

    /// <summary>
    /// The records created by anyone on a team with the caller (the caller too) in the team's company: the companies
    /// module's teams (<c>/api/teams</c>).
    /// </summary>
    Team,

    /// <summary>The records matching <c>Filter</c>.</summary>
    Filter,
}

/// <summary>
/// A record rule: once an entity has one, a caller sees (counts, exports, changes, deletes) only the records of the rules
/// granted to them, each rule a permission (<c>Data.&lt;entity&gt;.Records.&lt;name&gt;</c>), unless they hold
/// <c>Data.&lt;entity&gt;.AllRecords</c>. A record created or changed must stay within them.
/// </summary>
/// <param name="Name">Lower-case letters, digits and underscores, starting with a letter.</param>
/// <param name="Filter">
/// A filter rule's condition, on the entity's own fields; the value <c>{user.id}</c> or <c>{user.name}</c> stands for the
/// caller's (a caller without one matches nothing).
/// </param>
public sealed record RecordRuleDto(
    [property: Required, StringLength(50)] string Name,
    [property: Required, StringLength(200)] string Label,
    RecordRuleKind Kind,
    RecordFilter? Filter = null);

/// <param name="Version">The version the change is based on (0 for a new entity): a stale one is a 409.</param>
public sealed record SaveEntityDefinitionRequest(
    [property: Required, StringLength(200)] string Label,
    [property: Required, StringLength(200)] string PluralLabel,
    [property: StringLength(63)] string? DisplayField,
    [property: StringLength(100)] string? Icon,
    [property: Required, MaxLength(500)] IReadOnlyList<FieldDefinitionDto> Fields,
    int Version = 0,
    [property: MaxLength(20)] IReadOnlyList<RecordRuleDto>? RecordRules = null,
    WorkflowDto? Workflow = null,
    EntityUiDto? Ui = null,
    [property: MaxLength(50)] IReadOnlyList<AutomationDto>? Automations = null);

public sealed record EntityDefinitionDto(Guid Id, string Name, string Label, string PluralLabel, string? DisplayField, string? Icon, int Version,
    IReadOnlyList<FieldDefinitionDto> Fields, string Table, IReadOnlyList<RecordRuleDto> RecordRules, WorkflowDto? Workflow, EntityUiDto? Ui,
    IReadOnlyList<AutomationDto> Automations);

/// <summary>
/// What applying a definition does to the database: <see cref="Statements"/> in one transaction, then
/// <see cref="AfterCommit"/> (indexes on a table with rows, built concurrently while writes go on).
/// </summary>
public sealed record SchemaPlanDto(string Entity, int FromVersion, int ToVersion, IReadOnlyList<string> Statements, IReadOnlyList<string> AfterCommit);

public static class LowCodePermissions
{
    public const string Definitions = "LowCode.Definitions";
    public const string Manage = "LowCode.Definitions.Manage";
    public const string Webhooks = "LowCode.Webhooks";
    public const string ManageWebhooks = "LowCode.Webhooks.Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Definitions, "See low-code entity definitions"),
        new(Manage, "Define and change low-code entities and their tables", Definitions),
        new(Webhooks, "See webhooks and their deliveries"),
        new(ManageWebhooks, "Subscribe outside systems to records, and deliver again", Webhooks),
    ];
}

public static class LowCodeErrors
{
    public const string EntityNotFound = "low-code.entity.not-found";
    public const string InvalidName = "low-code.name.invalid";
    public const string ReservedName = "low-code.name.reserved";
    public const string DuplicateName = "low-code.name.duplicate";
    public const string UnknownField = "low-code.field.unknown";
    public const string DocumentFormatUnknown = "low-code.import.format-unknown";
    public const string UnknownReference = "low-code.field.unknown-reference";
    public const string ChoicesRequired = "low-code.field.choices-required";
    public const string ExtensibleNotFound = "low-code.extension.not-found";
    public const string ExtensionFieldInvalid = "low-code.extension.field-invalid";
    public const string CurrencyInvalid = "low-code.field.currency-invalid";
    public const string MaxLengthOutOfRange = "low-code.field.max-length";
    public const string TypeChangeImpossible = "low-code.field.type-change-impossible";
    public const string ValuesDoNotConvert = "low-code.field.values-do-not-convert";
    public const string UniqueHasDuplicates = "low-code.field.unique-has-duplicates";
    public const string IndexFailed = "low-code.field.index-failed";
    public const string FieldNotHidden = "low-code.field.not-hidden";
    public const string NumberFormatInvalid = "low-code.field.number-format-invalid";
    public const string PatternInvalid = "low-code.field.pattern-invalid";
    public const string ExpressionInvalid = "low-code.field.expression-invalid";
    public const string AttachmentFieldInvalid = "low-code.field.attachment-invalid";
    public const string AttachmentNotFound = "low-code.value.attachment-not-found";
    public const string RangeInvalid = "low-code.field.range-invalid";
    public const string SearchableNotText = "low-code.field.searchable-not-text";
    public const string LinesFieldInvalid = "low-code.field.lines-invalid";
    public const string LinesNameTooLong = "low-code.field.lines-name-too-long";
    public const string RestrictionInvalid = "low-code.field.restriction-invalid";
    public const string RecordRuleInvalid = "low-code.rule.invalid";
    public const string OutsideRecordRules = "low-code.record.outside-rules";
    public const string WorkflowInvalid = "low-code.workflow.invalid";
    public const string AutomationInvalid = "low-code.automation.invalid";
    public const string TemplateInvalid = "low-code.automation.template-invalid";
    public const string LayoutInvalid = "low-code.layout.invalid";
    public const string ViewNotFound = "low-code.view.not-found";
    public const string ViewNameTaken = "low-code.view.name-taken";
    public const string TransitionNotFound = "low-code.workflow.transition-not-found";
    public const string TransitionNotAllowed = "low-code.workflow.transition-not-allowed";
    public const string ConditionNotMet = "low-code.workflow.condition-not-met";
    public const string ReadOnlyState = "low-code.record.read-only-state";
    public const string WebhookNotFound = "low-code.webhook.not-found";
    public const string ImportTooLarge = "low-code.import.too-large";
    public const string ImportHeaderInvalid = "low-code.import.header-invalid";
    public const string ImportFileInvalid = "low-code.import.file-invalid";
    public const string ImportIdTaken = "low-code.import.id-taken";
    public const string ImportNotFound = "low-code.import.not-found";
    public const string ImportKeyInvalid = "low-code.import.key-invalid";
    public const string WebhookTargetRefused = "low-code.webhook.target-refused";
    public const string RecordNotFound = "low-code.record.not-found";
    public const string ValueInvalid = "low-code.value.invalid";
    public const string ValueRequired = "low-code.value.required";
    public const string ValueTooLong = "low-code.value.too-long";
    public const string ValueNotAChoice = "low-code.value.not-a-choice";
    public const string ValueReadOnly = "low-code.value.read-only";
    public const string ValueBelowMinimum = "low-code.value.below-minimum";
    public const string ValueAboveMaximum = "low-code.value.above-maximum";
    public const string ValueDoesNotMatch = "low-code.value.does-not-match";
    public const string ValueNotUnique = "low-code.value.not-unique";
    public const string ReferenceNotFound = "low-code.value.reference-not-found";
    public const string RecordInUse = "low-code.record.in-use";
    public const string FilterInvalid = "low-code.filter.invalid";
    public const string FilterTooComplex = "low-code.filter.too-complex";
    public const string SortInvalid = "low-code.sort.invalid";
    public const string NotSearchable = "low-code.search.not-searchable";
    public const string SearchTooShort = "low-code.search.too-short";
    public const string CursorInvalid = "low-code.cursor.invalid";
    public const string ExpandInvalid = "low-code.expand.invalid";
    public const string NotAReference = "low-code.lookup.not-a-reference";
    public const string LineNotFound = "low-code.line.not-found";
    public const string TooManyLines = "low-code.line.too-many";
    public const string TooManyRecords = "low-code.record.too-many";
}
