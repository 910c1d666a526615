using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Backups.Domain;
using Erp.BlobStoring;

namespace Erp.Backups.Application;

/// <summary>
/// Where backups are kept: a folder (<see cref="FolderTarget"/>) or an S3 bucket (<see cref="S3Target"/>). A backup is
/// written into a local folder (<see cref="Begin"/>) and completed into the target; a check or restore reads it from a
/// local copy (<see cref="FetchAsync"/>). Only complete backups are listed: each is named by its id, the UTC time it began
/// (<c>20261205T020000Z</c>), and holds <c>manifest.json</c>, <c>database.dump</c>, <c>blobs/&lt;container&gt;/&lt;key&gt;</c>,
/// and <c>check.json</c> once checked.
/// </summary>
internal interface IBackupTarget
{
    /// <summary>The complete backups with their last check, newest first.</summary>
    Task<IReadOnlyList<(BackupManifest Manifest, BackupCheck? Check)>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Starts backup <paramref name="id"/>: the local folder to write it into, to be completed or abandoned.</summary>
    string Begin(string id);

    Task CompleteAsync(BackupManifest manifest, CancellationToken cancellationToken);

    void Abandon(string id);

    Task RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>A local copy of complete backup <paramref name="id"/> (dispose it when done), or null when there is none.</summary>
    Task<LocalBackup?> FetchAsync(string id, CancellationToken cancellationToken);

    Task WriteCheckAsync(string id, BackupCheck check, CancellationToken cancellationToken);
}

/// <summary>A complete backup's files in a local folder; disposing removes a copy that was fetched for the purpose.</summary>
internal sealed class LocalBackup(string folder, BackupManifest manifest, bool isCopy) : IDisposable
{
    public string Folder { get; } = folder;
    public BackupManifest Manifest { get; } = manifest;

    public void Dispose()
    {
        if (isCopy && Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>The files of a backup within its folder, its id, and its JSON.</summary>
internal static partial class BackupLayout
{
    public const string ManifestFile = "manifest.json";
    public const string DumpFile = "database.dump";
    public const string CheckFile = "check.json";
    public const string Partial = ".partial";

    // Backups hold every row and file: readable by the host's user only.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string IdOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> is a backup's id (and so safe to put in a path or a key).</summary>
    public static bool IsId(string id) => BackupId().IsMatch(id);

    public static string Dump(string folder) => Path.Combine(folder, DumpFile);

    public static string Blob(string folder, StoredBlobContent blob) => Path.Combine(folder, "blobs", blob.Container, blob.Key);

    public static T? Read<T>(string file) => File.Exists(file) ? JsonSerializer.Deserialize<T>(File.ReadAllBytes(file), Json) : default;

    public static void Write<T>(string file, T value)
    {
        var written = file + ".new";
        File.WriteAllBytes(written, JsonSerializer.SerializeToUtf8Bytes(value, Json));
        File.Move(written, file, overwrite: true);
    }

    public static DirectoryInfo CreateOwnerOnly(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, OwnerOnly);

    /// <summary>Partial folders a day old, of a process that died while writing, go.</summary>
    public static void RemoveStalePartials(string root, DateTimeOffset now)
    {
        if (!Directory.Exists(root)) return;
        foreach (var stale in Directory.EnumerateDirectories(root, "*" + Partial).Where(d => Directory.GetLastWriteTimeUtc(d) < now.UtcDateTime.AddDays(-1)))
            Directory.Delete(stale, recursive: true);
    }

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex BackupId();
}
