using System.Data;
using System.Diagnostics;
using System.Security.Cryptography;
using Erp.Backups.Domain;
using Erp.BlobStoring;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Erp.Backups.Application;

/// <summary>
/// Backs up, checks and restores (<see cref="IBackups"/>). A backup is one consistent moment: a REPEATABLE READ
/// transaction exports its snapshot, pg_dump dumps that snapshot while the same transaction reads every table's figures
/// and the blob contents the rows name; then the contents are copied and each copy's SHA-256 checked against its row.
/// </summary>
internal sealed class BackupService(
    IBackupTarget target, PostgresTools postgres, IBlobBackup blobs, IOptions<BackupsOptions> options, TimeProvider clock,
    CatalogStringLocalizer texts, ILogger<BackupService> logger) : IBackups
{
    public async Task<BackupsDto> ListAsync(CancellationToken cancellationToken) => options.Value.IsConfigured
        ? new BackupsDto(true, [.. (await target.ListAsync(cancellationToken)).Select(b => ToDto(b.Manifest, b.Check))])
        : new BackupsDto(false, []);

    public async Task<BackupDto> CreateAsync(IProgress<string> progress, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        var watch = Stopwatch.StartNew();
        var createdAt = clock.GetUtcNow();
        var id = BackupLayout.IdOf(createdAt);
        var folder = target.Begin(id);
        try
        {
            var dumpFile = BackupLayout.Dump(folder);
            DatabaseFigures figures;
            List<StoredBlobContent> contents = [];
            await using (var connection = new NpgsqlConnection(postgres.ConnectionString(postgres.Database)))
            {
                await connection.OpenAsync(cancellationToken);
                await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot);
                var snapshotId = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
                progress.Report($"Dumping database {postgres.Database}");
                var dump = postgres.DumpAsync(snapshotId, dumpFile, cancellationToken);
                try
                {
                    figures = await DatabaseFigureReader.ReadAsync(snapshot, cancellationToken);
                    await foreach (var content in blobs.ListAsync(snapshot, cancellationToken)) contents.Add(content);
                }
                finally
                {
                    await dump; // the snapshot must outlive the dump
                }
            }

            progress.Report($"Copying {contents.Count} blob contents ({Megabytes(contents.Sum(c => c.Size))})");
            foreach (var content in contents) await CopyBlobAsync(folder, content, cancellationToken);

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, id, createdAt, watch.Elapsed.TotalSeconds, postgres.Database, figures.ServerVersion,
                new StoredFile(BackupLayout.DumpFile, new FileInfo(dumpFile).Length, await Sha256Async(dumpFile, cancellationToken)),
                figures.SchemaVersions, figures.Tables, contents);
            await target.CompleteAsync(manifest, cancellationToken);
            progress.Report($"Backup {id}: {figures.Tables.Count} tables, {manifest.Rows} rows, database {Megabytes(manifest.Dump.Bytes)}, "
                + $"{contents.Count} blob contents {Megabytes(manifest.BlobBytes)}, in {manifest.Seconds:F1} s");

            var all = await target.ListAsync(cancellationToken);
            foreach (var old in options.Value.Retention.ToRemove([.. all.Select(b => (b.Manifest.Id, b.Manifest.CreatedAt))]))
            {
                await target.RemoveAsync(old, cancellationToken);
                progress.Report($"Removed backup {old} (retention)");
            }

            return ToDto(manifest, null);
        }
        catch
        {
            target.Abandon(id);
            throw;
        }
    }

    public async Task<BackupCheckDto> CheckAsync(string id, IProgress<string> progress, CancellationToken cancellationToken)
    {
        using var backup = await FetchAsync(id, cancellationToken);
        var watch = Stopwatch.StartNew();
        var problems = (await DamagedFilesAsync(backup, progress, cancellationToken)).ToList();
        if (!problems.Any(p => p.Code == BackupProblem.DumpDamaged))
        {
            var scratch = postgres.ScratchDatabase;
            progress.Report($"Restoring into scratch database {scratch}");
            try
            {
                problems.AddRange(await RestoreIntoAsync(backup, scratch, cancellationToken));
            }
            finally
            {
                await postgres.DropAsync(scratch, closeConnections: true, CancellationToken.None);
            }
        }

        var check = new BackupCheck(clock.GetUtcNow(), watch.Elapsed.TotalSeconds, problems);
        await target.WriteCheckAsync(id, check, cancellationToken);
        if (check.Succeeded) logger.LogInformation("Backup {BackupId} restored and matched its manifest in {Seconds:F1} s", id, check.Seconds);
        else logger.LogError("Backup {BackupId} failed its restore check: {Problems}", id, string.Join("; ", problems.Select(p => new LocalizableText(p.Code, p.Arguments))));
        return ToDto(check);
    }

    // The database is replaced only by a copy that came back as the manifest says: restored beside it first, compared,
    // then given its name. A restore that fails or differs leaves the database as it was.
    public async Task<BackupCheckDto> RestoreAsync(string id, RestoreMode mode, IProgress<string> progress, CancellationToken cancellationToken)
    {
        using var backup = await FetchAsync(id, cancellationToken);
        var manifest = backup.Manifest;
        var database = postgres.Database;
        var watch = Stopwatch.StartNew();
        BackupCheckDto Unchanged(IReadOnlyList<BackupProblem> problems, string message)
        {
            progress.Report(message);
            return ToDto(new BackupCheck(clock.GetUtcNow(), watch.Elapsed.TotalSeconds, problems));
        }

        var damaged = await DamagedFilesAsync(backup, progress, cancellationToken);
        if (damaged.Count > 0) return Unchanged(damaged, $"Backup {id} is damaged: nothing was changed.");
        if (mode == RestoreMode.DryRun)
            return Unchanged([], $"Dry run: would replace database {database} with backup {id} ({manifest.Tables.Count} tables, {manifest.Rows} rows) "
                + $"and put back {manifest.Blobs.Count} blob contents ({Megabytes(manifest.BlobBytes)}). Nothing was changed.");

        // A running instance would write to the restored database (its job server, its outbox) before the operator's
        // checks: replacing a database in use is only done when asked. Asked first, before the restore's work; PostgreSQL
        // refuses the drop itself when someone connected since.
        var closeConnections = mode == RestoreMode.ReplaceClosingConnections;
        if (!closeConnections && await InUseAsync(database, cancellationToken) is { } inUse) return Unchanged([inUse], "Nothing was changed.");

        var restoring = postgres.RestoringDatabase;
        var dropped = false; // from then on, the restored copy is the only database there is: never dropped
        progress.Report($"Restoring into {restoring}, beside database {database}");
        try
        {
            var problems = await RestoreIntoAsync(backup, restoring, cancellationToken);
            if (problems.Count > 0) return Unchanged(problems, $"Backup {id} did not come back as its manifest says: database {database} was not replaced.");

            progress.Report($"Putting back {manifest.Blobs.Count} blob contents ({Megabytes(manifest.BlobBytes)})"); // a key that holds one keeps it
            foreach (var content in manifest.Blobs)
            {
                await using var bytes = File.OpenRead(BackupLayout.Blob(backup.Folder, content));
                await blobs.RestoreAsync(content, bytes, cancellationToken);
            }

            progress.Report($"Replacing database {database}{(closeConnections ? ", closing its connections" : "")}");
            if (await DropUnlessInUseAsync(database, closeConnections, cancellationToken) is { } stillInUse) return Unchanged([stillInUse], "Nothing was changed.");
            dropped = true;
            await postgres.RenameAsync(restoring, database, CancellationToken.None);
        }
        catch (Exception e) when (dropped)
        {
            throw new InvalidOperationException($"Database {database} was dropped, but the restored copy could not take its name: it is "
                + $"database {restoring}, complete and matching the manifest. Rename it to {database}.", e);
        }
        finally
        {
            if (!dropped) await postgres.DropAsync(restoring, closeConnections: true, CancellationToken.None);
        }

        progress.Report($"Restored backup {id} in {watch.Elapsed.TotalSeconds:F1} s: every table's rows and checksum match the manifest.");
        return ToDto(new BackupCheck(clock.GetUtcNow(), watch.Elapsed.TotalSeconds, []));
    }

    // Restores the dump into a new database of that name and compares it with the manifest: nothing, when all came back.
    private async Task<IReadOnlyList<BackupProblem>> RestoreIntoAsync(LocalBackup backup, string database, CancellationToken cancellationToken)
    {
        try
        {
            await postgres.RecreateAsync(database, cancellationToken);
            await postgres.RestoreAsync(BackupLayout.Dump(backup.Folder), database, cancellationToken);
            return backup.Manifest.Compare(await FiguresOfAsync(database, cancellationToken));
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException)
        {
            return [new BackupProblem(BackupProblem.RestoreFailed, e.Message)];
        }
    }

    // PostgreSQL refuses the drop while anyone is connected. Who it was is listed right after; when everyone left in
    // between, there is nobody to name and nothing in the way, so the drop is tried again.
    private async Task<BackupProblem?> DropUnlessInUseAsync(string database, bool closeConnections, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await postgres.DropAsync(database, closeConnections, cancellationToken);
                return null;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                var clients = await postgres.ConnectionsAsync(database, cancellationToken);
                if (clients.Count > 0 || attempt == 3) return InUse(database, clients);
            }
        }
    }

    private async Task<BackupProblem?> InUseAsync(string database, CancellationToken cancellationToken) =>
        await postgres.ConnectionsAsync(database, cancellationToken) is { Count: > 0 } clients ? InUse(database, clients) : null;

    private static BackupProblem InUse(string database, IReadOnlyList<(string Client, int Connections)> clients) =>
        new(BackupProblem.DatabaseInUse, database, clients.Sum(c => c.Connections),
            string.Join(", ", clients.Select(c => c.Connections == 1 ? c.Client : $"{c.Client} x{c.Connections}")));

    private async Task<LocalBackup> FetchAsync(string id, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        return await target.FetchAsync(id, cancellationToken) ?? throw new NotFoundException(BackupsErrors.NotFound, id);
    }

    private void EnsureConfigured()
    {
        if (!options.Value.IsConfigured) throw new ServiceUnavailableException(BackupsErrors.NotConfigured, null);
    }

    // The dump and every blob copy against the manifest's checksums.
    private static async Task<List<BackupProblem>> DamagedFilesAsync(LocalBackup backup, IProgress<string> progress, CancellationToken cancellationToken)
    {
        progress.Report($"Checking the files of backup {backup.Manifest.Id}");
        var problems = new List<BackupProblem>();
        var dump = BackupLayout.Dump(backup.Folder);
        if (!File.Exists(dump) || await Sha256Async(dump, cancellationToken) != backup.Manifest.Dump.Sha256) problems.Add(new BackupProblem(BackupProblem.DumpDamaged));
        foreach (var blob in backup.Manifest.Blobs)
        {
            var file = BackupLayout.Blob(backup.Folder, blob);
            if (!File.Exists(file)) problems.Add(new BackupProblem(BackupProblem.BlobMissing, blob.Container, blob.Key));
            else if (await Sha256Async(file, cancellationToken) != blob.Sha256) problems.Add(new BackupProblem(BackupProblem.BlobDamaged, blob.Container, blob.Key));
        }

        return problems;
    }

    private async Task CopyBlobAsync(string folder, StoredBlobContent content, CancellationToken cancellationToken)
    {
        var copyFile = BackupLayout.Blob(folder, content);
        Directory.CreateDirectory(Path.GetDirectoryName(copyFile)!);
        await using (var source = await blobs.OpenReadAsync(content, cancellationToken))
        await using (var copy = File.Create(copyFile))
            await source.CopyToAsync(copy, cancellationToken);
        if (await Sha256Async(copyFile, cancellationToken) != content.Sha256)
            throw new InvalidOperationException($"Blob content {content.Container}/{content.Key} does not match its checksum in storage.");
    }

    private async Task<DatabaseFigures> FiguresOfAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(database));
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        return await DatabaseFigureReader.ReadAsync(transaction, cancellationToken);
    }

    private static async Task<string> Sha256Async(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:F1} MiB";

    private BackupDto ToDto(BackupManifest manifest, BackupCheck? check) => new(manifest.Id, manifest.CreatedAt, manifest.Seconds, manifest.Dump.Bytes,
        manifest.Tables.Count, manifest.Rows, manifest.Blobs.Count, manifest.BlobBytes, manifest.SchemaVersions, check is null ? null : ToDto(check));

    private BackupCheckDto ToDto(BackupCheck check) =>
        new(check.CheckedAt, check.Succeeded, check.Seconds, [.. check.Problems.Select(p => texts.Translate(new LocalizableText(p.Code, p.Arguments)))]);
}
