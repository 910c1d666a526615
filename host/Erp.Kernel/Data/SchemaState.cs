namespace Erp.Kernel.Data;

/// <summary>
/// Whether the database's schemas are the ones this build expects (<see cref="DatabaseMigrator.GetOutdatedSchemasAsync"/>),
/// remembered once they are: a schema does not fall behind a running build. The start-up probe reports it; start-up
/// warm-ups wait for it rather than fail on tables an instance started before <c>migrate</c> does not find.
/// </summary>
public sealed class SchemaState(DatabaseMigrator migrator)
{
    private volatile bool _current;

    /// <summary>The modules whose schema is behind this build, and why; none once the schemas were found current.</summary>
    public async Task<IReadOnlyList<string>> OutdatedAsync(CancellationToken cancellationToken)
    {
        if (_current) return [];
        var outdated = await migrator.GetOutdatedSchemasAsync(cancellationToken);
        _current = outdated.Count == 0;
        return outdated;
    }
}
