using Microsoft.EntityFrameworkCore;

namespace Erp.LowCode.Application;

/// <summary>
/// The words PostgreSQL does not let a name be without quotes (reserved, type and function names), read once from the
/// server itself (<c>pg_get_keywords()</c>), so the list is the running version's.
/// </summary>
internal sealed class PostgresKeywords
{
    private IReadOnlySet<string>? _reserved;

    public async Task<IReadOnlySet<string>> ReservedAsync(DbContext db, CancellationToken cancellationToken) =>
        _reserved ??= (await db.Database.SqlQuery<string>($"SELECT word AS \"Value\" FROM pg_get_keywords() WHERE catcode <> 'U'").ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
}
