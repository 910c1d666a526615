using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// Definitions as one JSON document, to move a model between installations (staging to production): export writes one,
/// import brings the installation's entities to it. Field ids travel with the fields, so a field renamed where the
/// document came from is renamed where it goes (its data kept), and importing a document twice changes nothing.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
public sealed record DefinitionsDocument(
    [property: Required, StringLength(40)] string Format,
    [property: Required, MaxLength(200)] IReadOnlyList<DocumentEntity> Entities)
{
    public const string CurrentFormat = "erp.low-code.definitions/1";
}

/// <summary>One entity of a <see cref="DefinitionsDocument"/>: its name and what a save takes (its <c>Version</c> is ignored).</summary>
public sealed record DocumentEntity(
    [property: Required, StringLength(63)] string Name,
    [property: Required] SaveEntityDefinitionRequest Definition);

/// <summary>What an import did (or, for a dry run, would do) to each entity of the document, in its order.</summary>
public sealed record ImportResultDto(bool DryRun, IReadOnlyList<ImportedEntityDto> Entities);

/// <param name="Outcome">Created, Changed or Unchanged.</param>
/// <param name="Statements">The statements run on the database for it, those run after the commit included.</param>
public sealed record ImportedEntityDto(string Name, ImportOutcome Outcome, int Revision, IReadOnlyList<string> Statements);

public enum ImportOutcome
{
    Created,
    Changed,
    Unchanged,
}
