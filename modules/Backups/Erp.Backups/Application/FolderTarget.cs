using Erp.Backups.Domain;
using Microsoft.Extensions.Options;

namespace Erp.Backups.Application;

/// <summary>
/// Backups in the folder <c>Backups:Path</c> (a mounted volume or share), one folder each: written as
/// <c>&lt;id&gt;.partial</c> and renamed when complete, so a folder named by an id is complete.
/// </summary>
internal sealed class FolderTarget(IOptions<BackupsOptions> options, TimeProvider clock) : IBackupTarget
{
    private string Root => Path.GetFullPath(options.Value.Path!);

    public Task<IReadOnlyList<(BackupManifest Manifest, BackupCheck? Check)>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(BackupManifest, BackupCheck?)>>(Directory.Exists(Root)
            ? [.. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).Where(n => BackupLayout.IsId(n!)).OrderDescending()
                .Select(id => (Manifest: BackupLayout.Read<BackupManifest>(Path.Combine(Root, id!, BackupLayout.ManifestFile)), Check: BackupLayout.Read<BackupCheck>(Path.Combine(Root, id!, BackupLayout.CheckFile))))
                .Where(b => b.Manifest is not null).Select(b => (b.Manifest!, b.Check))]
            : []);

    public string Begin(string id)
    {
        BackupLayout.CreateOwnerOnly(Root);
        BackupLayout.RemoveStalePartials(Root, clock.GetUtcNow());
        if (Directory.Exists(Path.Combine(Root, id))) throw new InvalidOperationException($"Backup {id} exists already.");
        return BackupLayout.CreateOwnerOnly(Path.Combine(Root, id + BackupLayout.Partial)).FullName;
    }

    public Task CompleteAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(Root, manifest.Id + BackupLayout.Partial);
        BackupLayout.Write(Path.Combine(partial, BackupLayout.ManifestFile), manifest);
        Directory.Move(partial, Path.Combine(Root, manifest.Id));
        return Task.CompletedTask;
    }

    public void Abandon(string id)
    {
        var partial = Path.Combine(Root, id + BackupLayout.Partial);
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        if (BackupLayout.IsId(id) && Directory.Exists(Path.Combine(Root, id))) Directory.Delete(Path.Combine(Root, id), recursive: true);
        return Task.CompletedTask;
    }

    public Task<LocalBackup?> FetchAsync(string id, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Root, id);
        return Task.FromResult(BackupLayout.IsId(id) && BackupLayout.Read<BackupManifest>(Path.Combine(folder, BackupLayout.ManifestFile)) is { } manifest
            ? new LocalBackup(folder, manifest, isCopy: false) : null);
    }

    public Task WriteCheckAsync(string id, BackupCheck check, CancellationToken cancellationToken)
    {
        BackupLayout.Write(Path.Combine(Root, id, BackupLayout.CheckFile), check);
        return Task.CompletedTask;
    }
}
