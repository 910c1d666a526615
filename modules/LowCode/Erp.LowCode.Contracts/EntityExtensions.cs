using System.ComponentModel.DataAnnotations;

namespace Erp.LowCode;

/// <summary>
/// The extra fields administrators gave a module's or plugin's entity: columns <c>x_&lt;field&gt;</c> of its table, in its
/// API as <c>extra</c>. <paramref name="Version"/> is the extension's revision (0 before its first field).
/// </summary>
public sealed record EntityExtensionDto(string Entity, string Label, string Table, int Version, IReadOnlyList<FieldDefinitionDto> Fields);

/// <param name="Fields">The extra fields as they should be; one left out is hidden (its column and data stay until purged).</param>
/// <param name="Version">The revision the change is based on: a stale one is a 409.</param>
public sealed record SaveEntityExtensionRequest([Required, MaxLength(200)] IReadOnlyList<FieldDefinitionDto> Fields, int Version);
