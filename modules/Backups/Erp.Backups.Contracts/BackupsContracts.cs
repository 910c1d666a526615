using Erp.Kernel;

namespace Erp.Backups;

/// <summary>Seeing backups and their restore checks (a check is started as the recurring job <c>Backups.Check</c>).</summary>
public static class BackupsPermissions
{
    public const string Backups = "Backups";

    public static IReadOnlyList<PermissionDefinition> All { get; } = [new(Backups, "See backups and their restore checks")];
}

/// <summary>Stable error codes of the backups module.</summary>
public static class BackupsErrors
{
    public const string NotConfigured = "backups.not-configured";
    public const string NotFound = "backups.not-found";
}

/// <summary>A complete backup: its manifest's figures, and how its last restore check went (null: never checked).</summary>
public sealed record BackupDto(
    string Id,
    DateTimeOffset CreatedAt,
    double Seconds,
    long DatabaseBytes,
    int Tables,
    long Rows,
    int Blobs,
    long BlobBytes,
    IReadOnlyDictionary<string, string> SchemaVersions,
    BackupCheckDto? LastCheck);

/// <summary>
/// A restore check: the backup restored into a scratch database and compared with its manifest (every table's rows and
/// checksum, the schema versions) and every blob copy's checksum. <see cref="Problems"/> is empty when it succeeded.
/// </summary>
public sealed record BackupCheckDto(DateTimeOffset CheckedAt, bool Succeeded, double Seconds, IReadOnlyList<string> Problems);

/// <summary>Whether backups are configured, and the complete ones, newest first.</summary>
public sealed record BackupsDto(bool Configured, IReadOnlyList<BackupDto> Backups);

/// <summary>Makes, restores and checks backups: the host's <c>backup</c> and <c>restore</c> commands and the recurring jobs.</summary>
public interface IBackups
{
    Task<BackupsDto> ListAsync(CancellationToken cancellationToken);

    /// <summary>Backs up now, then applies the retention rules; <paramref name="progress"/> hears each step.</summary>
    Task<BackupDto> CreateAsync(IProgress<string> progress, CancellationToken cancellationToken);

    /// <summary>Restores <paramref name="id"/> into a scratch database, compares it with its manifest, keeps the result beside it.</summary>
    Task<BackupCheckDto> CheckAsync(string id, IProgress<string> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Restores <paramref name="id"/> beside the configured database and compares the copy with the manifest; only a copy
    /// that matches replaces the database, with the blob contents put back, as <paramref name="mode"/> says. A damaged
    /// backup, a copy that differs and (unless told to close them) open connections change nothing.
    /// </summary>
    Task<BackupCheckDto> RestoreAsync(string id, RestoreMode mode, IProgress<string> progress, CancellationToken cancellationToken);
}

/// <summary>How a restore treats the database it replaces.</summary>
public enum RestoreMode
{
    /// <summary>Check the backup's files and say what a restore would do; change nothing.</summary>
    DryRun,

    /// <summary>Replace the database only while no one is connected to it: with an instance running, nothing is changed.</summary>
    Replace,

    /// <summary>Close every connection to the database, then replace it.</summary>
    ReplaceClosingConnections,
}

/// <summary>Progress that writes each step as it happens, in order (where <see cref="Progress{T}"/> would post it later).</summary>
public sealed class ProgressLines(Action<string> write) : IProgress<string>
{
    public void Report(string value) => write(value);
}
