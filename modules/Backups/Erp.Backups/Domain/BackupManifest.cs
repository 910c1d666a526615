using Erp.BlobStoring;

namespace Erp.Backups.Domain;

/// <summary>
/// What a backup holds, written into it: when it was taken, the dump's size and checksum, each schema's last migration,
/// each table's rows and checksum, and each blob content's size and checksum, all from one database snapshot. A
/// restore is judged against it (<see cref="Compare"/>).
/// </summary>
public sealed record BackupManifest(
    int Format,
    string Id,
    DateTimeOffset CreatedAt,
    double Seconds,
    string Database,
    string ServerVersion,
    StoredFile Dump,
    IReadOnlyDictionary<string, string> SchemaVersions,
    IReadOnlyList<TableFigures> Tables,
    IReadOnlyList<StoredBlobContent> Blobs)
{
    public const int CurrentFormat = 1;

    public long Rows => Tables.Sum(t => t.Rows);

    public long BlobBytes => Blobs.Sum(b => b.Size);

    /// <summary>Where <paramref name="restored"/> (figures read from a restored database) differs from the backup: nothing, when all came back.</summary>
    public IReadOnlyList<BackupProblem> Compare(DatabaseFigures restored)
    {
        var problems = new List<BackupProblem>();
        foreach (var (schema, version) in SchemaVersions)
        {
            var now = restored.SchemaVersions.GetValueOrDefault(schema);
            if (now != version) problems.Add(new(BackupProblem.SchemaVersion, schema, now ?? "-", version));
        }

        var tables = restored.Tables.ToDictionary(t => t.Name);
        foreach (var table in Tables)
        {
            if (!tables.TryGetValue(table.Name, out var back)) problems.Add(new(BackupProblem.TableMissing, table.Name));
            else if (back.Rows != table.Rows) problems.Add(new(BackupProblem.Rows, table.Name, back.Rows, table.Rows));
            else if (back.Checksum != table.Checksum) problems.Add(new(BackupProblem.Checksum, table.Name));
        }

        return problems;
    }
}

/// <summary>A file of the backup: its name in the backup, size and SHA-256 (lower-case hex).</summary>
public sealed record StoredFile(string Name, long Bytes, string Sha256);

/// <summary>A table's rows and the MD5 of its rows' MD5s in order: equal only when every row came back as it was.</summary>
public sealed record TableFigures(string Schema, string Table, long Rows, string Checksum)
{
    public string Name => $"{Schema}.{Table}";
}

/// <summary>A database's figures as read in one snapshot: what the manifest records and what a restore is compared by.</summary>
public sealed record DatabaseFigures(string ServerVersion, IReadOnlyDictionary<string, string> SchemaVersions, IReadOnlyList<TableFigures> Tables);

/// <summary>What a check found wrong: <see cref="Code"/> is the text's key, <see cref="Arguments"/> what it names.</summary>
public sealed record BackupProblem(string Code, params object?[] Arguments)
{
    public const string SchemaVersion = "backups.check.schema-version";
    public const string TableMissing = "backups.check.table-missing";
    public const string Rows = "backups.check.rows";
    public const string Checksum = "backups.check.checksum";
    public const string DumpDamaged = "backups.check.dump-damaged";
    public const string BlobMissing = "backups.check.blob-missing";
    public const string BlobDamaged = "backups.check.blob-damaged";
    public const string RestoreFailed = "backups.check.restore-failed";
    public const string DatabaseInUse = "backups.restore.database-in-use";
}

/// <summary>A check's result, kept beside the backup it checked.</summary>
public sealed record BackupCheck(DateTimeOffset CheckedAt, double Seconds, IReadOnlyList<BackupProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}
