using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Backups.Domain;
using Erp.BlobStoring;
using Microsoft.Extensions.Options;

namespace Erp.Backups.Application;

/// <summary>
/// The backups under <c>Backups:Path</c>, one folder each named by its id (the UTC time it began, <c>20261205T020000Z</c>):
/// <c>manifest.json</c>, <c>database.dump</c>, <c>blobs/&lt;container&gt;/&lt;key&gt;</c>, and <c>check.json</c> once checked.
/// A backup is written as <c>&lt;id&gt;.partial</c> and renamed when complete, so a folder named by an id is complete.
/// </summary>
internal sealed partial class BackupFolder(IOptions<BackupsOptions> options, TimeProvider clock)
{
    public const string ManifestFile = "manifest.json";
    public const string DumpFile = "database.dump";
    private const string CheckFile = "check.json";
    private const string Partial = ".partial";

    // Backups hold every row and file: readable by the host's user only.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string Root => Path.GetFullPath(options.Value.Path ?? throw new InvalidOperationException("Backups:Path is not set."));

    public static string IdOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="id"/> is a backup's id (and so safe to put in a path).</summary>
    public static bool IsId(string id) => BackupId().IsMatch(id);

    /// <summary>The complete backups, newest first.</summary>
    public IReadOnlyList<BackupManifest> List() => Directory.Exists(Root)
        ? [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Where(n => IsId(n!)).OrderDescending().Select(n => Find(n!)).OfType<BackupManifest>()]
        : [];

    public BackupManifest? Find(string id) =>
        IsId(id) && File.Exists(FileOf(id, ManifestFile)) ? JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(FileOf(id, ManifestFile)), Json) : null;

    public BackupCheck? CheckOf(string id) =>
        IsId(id) && File.Exists(FileOf(id, CheckFile)) ? JsonSerializer.Deserialize<BackupCheck>(File.ReadAllBytes(FileOf(id, CheckFile)), Json) : null;

    public void WriteCheck(string id, BackupCheck check) => WriteJson(FileOf(id, CheckFile), check);

    public string FileOf(string id, string file) => Path.Combine(Root, id, file);

    public string BlobFileOf(string id, StoredBlobContent blob) => Path.Combine(Root, id, "blobs", blob.Container, blob.Key);

    /// <summary>Starts backup <paramref name="id"/>: its folder, to be completed or abandoned. Partial folders a day old (a process that died) go.</summary>
    public string Begin(string id)
    {
        CreateOwnerOnly(Root);
        foreach (var stale in Directory.EnumerateDirectories(Root, "*" + Partial).Where(d => Directory.GetLastWriteTimeUtc(d) < clock.GetUtcNow().UtcDateTime.AddDays(-1)))
            Directory.Delete(stale, recursive: true);
        if (Directory.Exists(Path.Combine(Root, id))) throw new InvalidOperationException($"Backup {id} exists already.");
        return CreateOwnerOnly(Path.Combine(Root, id + Partial)).FullName;
    }

    public string PartialFileOf(string id, string file) => Path.Combine(Root, id + Partial, file);

    public string PartialBlobFileOf(string id, StoredBlobContent blob) => Path.Combine(Root, id + Partial, "blobs", blob.Container, blob.Key);

    public void Complete(BackupManifest manifest)
    {
        WriteJson(PartialFileOf(manifest.Id, ManifestFile), manifest);
        Directory.Move(Path.Combine(Root, manifest.Id + Partial), Path.Combine(Root, manifest.Id));
    }

    public void Abandon(string id)
    {
        var partial = Path.Combine(Root, id + Partial);
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
    }

    public void Remove(string id)
    {
        if (IsId(id) && Directory.Exists(Path.Combine(Root, id))) Directory.Delete(Path.Combine(Root, id), recursive: true);
    }

    private static DirectoryInfo CreateOwnerOnly(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, OwnerOnly);

    private static void WriteJson<T>(string file, T value)
    {
        var written = file + ".new";
        File.WriteAllBytes(written, JsonSerializer.SerializeToUtf8Bytes(value, Json));
        File.Move(written, file, overwrite: true);
    }

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex BackupId();
}
