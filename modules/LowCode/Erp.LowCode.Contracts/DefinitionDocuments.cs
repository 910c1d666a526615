using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// Definitions as one JSON document, to move a model between installations (staging to production): export writes one,
/// import brings the installation's entities to it. Field ids travel with the fields, so a field renamed where the
/// document came from is renamed where it goes (its data kept), and importing a document twice changes nothing.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="Extensions">Extra fields (and their workflows) of modules' and plugins' entities, applied after <paramref name="Entities"/>.</param>
public sealed record DefinitionsDocument(
    [property: Required, StringLength(40)] string Format,
    [property: Required, MaxLength(200)] IReadOnlyList<DocumentEntity> Entities,
    [property: MaxLength(200)] IReadOnlyList<DocumentExtension>? Extensions = null)
{
    public const string CurrentFormat = "erp.low-code.definitions/1";
}

/// <summary>One entity of a <see cref="DefinitionsDocument"/>: its name and what a save takes (its <c>Version</c> is ignored).</summary>
public sealed record DocumentEntity(
    [property: Required, StringLength(63)] string Name,
    [property: Required] SaveEntityDefinitionRequest Definition);

/// <summary>
/// The extra fields of one module's or plugin's entity in a <see cref="DefinitionsDocument"/>: its name
/// (<c>sample.exchange_rate</c>) and what a save takes (its <c>Version</c> is ignored).
/// </summary>
public sealed record DocumentExtension(
    [property: Required, StringLength(127)] string Entity,
    [property: Required] SaveEntityExtensionRequest Definition);

/// <summary>What an import did (or, for a dry run, would do) to each entity and extension of the document, in its order.</summary>
public sealed record ImportResultDto(bool DryRun, IReadOnlyList<ImportedEntityDto> Entities, IReadOnlyList<ImportedEntityDto> Extensions);

/// <param name="Name">The entity's name (a low-code entity's, or the extended entity's).</param>
/// <param name="Outcome">Created, Changed or Unchanged.</param>
/// <param name="Statements">The statements run on the database for it, those run after the commit included.</param>
public sealed record ImportedEntityDto(string Name, ImportOutcome Outcome, int Revision, IReadOnlyList<string> Statements);

public enum ImportOutcome
{
    Created,
    Changed,
    Unchanged,
}
