using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Erp.Kernel.Data;

/// <summary>
/// A module's or plugin's entity that administrators may give fields of their own (a loyalty tier on a customer): real
/// columns of <see cref="Table"/>, named <c>x_&lt;field&gt;</c> so they never meet the owner's columns (which never start
/// with <c>x_</c>), added by the low-code engine. The table is company-owned (<c>company_id</c>), as business data is.
/// Register it as a singleton; the owner's API carries the values as <c>extra</c> through <see cref="IExtraFields"/>.
/// </summary>
/// <param name="Name">The entity's name in the API: <c>&lt;module&gt;.&lt;entity&gt;</c>, lower-case (<c>sample.exchange_rate</c>).</param>
/// <param name="EntityType">The owner's entity class: changes of extra values are audited under its name, with the owner's own changes.</param>
/// <param name="Schema">The owner's schema.</param>
/// <param name="Table">The owner's table in it.</param>
/// <param name="ReadPermission">Seeing the entity, and so its extra fields.</param>
/// <param name="WritePermission">Changing it, and so its extra fields.</param>
/// <param name="CarriedBy">The DTOs and requests whose <c>Extra</c> property carries the values: their OpenAPI schemas describe the fields.</param>
/// <param name="DisplayColumn">
/// The text column that names a row to people (a code, a name): low-code records that refer to the entity show it as
/// <c>display</c> when they expand the reference, and filter by it.
/// </param>
/// <remarks>
/// Low-code reference fields may refer to the entity's rows: a foreign key to <see cref="Table"/>'s <c>id</c> (so the owner
/// cannot delete a row that is referred to: its delete gets a 409 <c>record-in-use</c>), rows of the referring record's
/// company only, read with <see cref="ReadPermission"/>.
/// </remarks>
public sealed record ExtensibleEntityDefinition(string Name, string Label, Type EntityType, string Schema, string Table, string ReadPermission, string WritePermission,
    IReadOnlyList<Type>? CarriedBy = null, string? DisplayColumn = null);

/// <summary>
/// The extra fields administrators gave an <see cref="ExtensibleEntityDefinition"/>: read with the owner's rows, checked
/// and written in the owner's transaction, so a record and its extra values are saved together or not at all.
/// </summary>
public interface IExtraFields
{
    /// <summary>The extra values of the rows <paramref name="ids"/> (those of the request's companies), by id; none without extra fields.</summary>
    Task<IReadOnlyDictionary<Guid, JsonObject>> ReadAsync(string entity, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Checks <paramref name="extra"/> (an object of field names and values; null for none) as a create (<paramref name="creating"/>:
    /// required fields too) or a change would write it; a wrong value is a 400 keyed <c>extra.&lt;field&gt;</c>. Call it before
    /// saving anything.
    /// </summary>
    Task CheckAsync(string entity, JsonElement? extra, bool creating, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="extra"/> to the row <paramref name="id"/> through <paramref name="db"/>'s connection, in its current
    /// transaction: call it after the row is saved and before the transaction commits.
    /// </summary>
    Task WriteAsync(string entity, Guid id, JsonElement? extra, DbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// Refuses (409 <c>low-code.record.read-only-state</c>) a change or deletion of the row <paramref name="id"/> while it is in a
    /// state its extension's workflow makes read-only; call it before changing or deleting a row.
    /// </summary>
    Task CheckWritableAsync(string entity, Guid id, CancellationToken cancellationToken);
}

/// <summary>An owner's row saved with its extra values, and rows read back as DTOs with theirs: the one way owners do both.</summary>
public static class ExtraFieldsExtensions
{
    /// <summary>
    /// Saves <paramref name="db"/>'s changes and writes <paramref name="extra"/> to the row <paramref name="id"/> in one
    /// transaction (the current one, in a unit of work), so the row and its extra values commit together or not at all.
    /// </summary>
    public static Task SaveWithExtraAsync<TContext>(
        this IExtraFields extraFields, TContext db, string entity, Guid id, JsonElement? extra, CancellationToken cancellationToken)
        where TContext : ModuleDbContext<TContext>, IModuleDbContext
    {
        ArgumentNullException.ThrowIfNull(extraFields);
        ArgumentNullException.ThrowIfNull(db);
        return db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            await extraFields.WriteAsync(entity, id, extra, db, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// <paramref name="rows"/> as <paramref name="dto"/> makes them, given each row's extra values (null for none). The values are
    /// read on a connection of their own: call it once the use case has committed, or the rows it wrote have none.
    /// </summary>
    public static async Task<IReadOnlyList<TDto>> WithExtraAsync<TRow, TDto>(
        this IExtraFields extraFields, string entity, IReadOnlyList<TRow> rows, Func<TRow, Guid> id, Func<TRow, JsonObject?, TDto> dto, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extraFields);
        var extra = await extraFields.ReadAsync(entity, [.. rows.Select(id)], cancellationToken);
        return [.. rows.Select(row => dto(row, extra.GetValueOrDefault(id(row))))];
    }
}
