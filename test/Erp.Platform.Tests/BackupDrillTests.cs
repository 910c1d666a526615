using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Testing;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The backup drill, through the host's own commands as an operator runs them: demo data with the business plugins and
/// attachments backed up, the database and the blob folder dropped, restored, and nothing lost; the recurring restore
/// check reported through the admin API and the metrics; a damaged copy found before anything is replaced.
/// </summary>
public sealed partial class BackupDrillTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Plugins = [TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing];

    private readonly string _backups = Path.Combine(Path.GetTempPath(), "erp-test-backups", Guid.NewGuid().ToString("N"));
    private string _database = "";
    private Dictionary<string, string?> _settings = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _settings = new Dictionary<string, string?> { ["Backups:Path"] = _backups };
    }

    public ValueTask DisposeAsync()
    {
        foreach (var folder in new[] { _backups, _backups + "-tools" })
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task BackUp_DropTheDatabaseAndBlobs_Restore_NothingIsLost()
    {
        Guid attachment, company;
        byte[] content = Files.Pdf(300_000);
        await using (var host = new ErpHost(_database, Plugins, settings: _settings))
        {
            await host.MigrateAsync(includeDemoData: true);
            var admin = await host.CreateSignedInClientAsync();
            company = await admin.CreateCompanyAsync("Drill");
            var files = $"/api/attachments/companies/{company}";
            using var worker = admin.WorkingIn(company);
            attachment = await UploadAsync(worker, files, content, "contract.pdf");
            await UploadAsync(worker, files, content, "contract copy.pdf"); // the same content: stored once
            await UploadAsync(worker, files, Files.Png(), "logo.png");
        } // every instance stopped, as before a restore

        var before = await FiguresAsync();
        var blobsBefore = BlobFiles();
        blobsBefore.Count.ShouldBe(2);

        var backupClock = Stopwatch.StartNew();
        var (backedUp, backupOutput) = await CommandAsync("backup");
        backupClock.Stop();
        backedUp.ShouldBe(0, backupOutput);
        var id = BackupLine().Match(backupOutput).Groups["id"].Value;
        id.ShouldNotBeEmpty(backupOutput);
        var backupBytes = Directory.GetFiles(Path.Combine(_backups, id), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

        var (dryRun, dryRunOutput) = await CommandAsync("restore", "latest", "--dry-run");
        dryRun.ShouldBe(0, dryRunOutput);
        dryRunOutput.ShouldContain("Nothing was changed");

        await PostgresServer.ExecuteAsync($"DROP DATABASE \"{_database}\" WITH (FORCE)");
        Directory.Delete(ErpHost.BlobsPathOf(_database), recursive: true);

        var restoreClock = Stopwatch.StartNew();
        var (restored, restoreOutput) = await CommandAsync("restore", id, "--yes");
        restoreClock.Stop();
        restored.ShouldBe(0, restoreOutput);
        restoreOutput.ShouldContain("every table's rows and checksum match the manifest");

        Npgsql.NpgsqlConnection.ClearAllPools(); // this process's pooled connections died with the dropped database
        (await FiguresAsync()).ShouldBe(before);
        BlobFiles().ShouldBe(blobsBefore);
        await using (var host = new ErpHost(_database, Plugins, settings: _settings))
        {
            using var admin = await host.CreateSignedInClientAsync();
            using var worker = admin.WorkingIn(company);
            (await worker.GetByteArrayAsync($"/api/attachments/companies/{company}/{attachment}/content", Ct)).ShouldBe(content);
        }

        DrillReport.Write($"Backup drill (demo data, 4 business plugins, 3 attachments): {before.Tables} tables, {before.Rows} rows; "
            + $"backup {backupClock.Elapsed.TotalSeconds:F1} s, {backupBytes / 1048576.0:F2} MiB; restore {restoreClock.Elapsed.TotalSeconds:F1} s; "
            + "rows, checksums and blobs equal after the restore");
    }

    [Fact]
    public async Task TheRestoreCheck_IsShownByTheApiAndMeasured_AndADamagedCopyIsFoundBeforeAnythingIsReplaced()
    {
        await using var host = new ErpHost(_database, [], environment: "Development", settings: _settings);
        using var admin = await host.CreateSignedInClientAsync();
        var company = await admin.CreateCompanyAsync("Checked");
        using var worker = admin.WorkingIn(company);
        await UploadAsync(worker, $"/api/attachments/companies/{company}", Files.Pdf(10_000), "terms.pdf");
        (await CommandAsync("backup")).ExitCode.ShouldBe(0);

        (await admin.PostAsync("/api/background-jobs/recurring/Backups.Check/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (check, _) = await Eventually.ValueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/backups", Ct)).GetProperty("backups")[0],
            b => b.GetProperty("lastCheck").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60));
        check.GetProperty("lastCheck").GetProperty("succeeded").GetBoolean().ShouldBeTrue(check.ToString());
        check.GetProperty("blobs").GetInt32().ShouldBe(1);
        check.GetProperty("schemaVersions").GetProperty("companies").GetString().ShouldNotBeNullOrEmpty();
        (await PostgresServer.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname = '{_database}_restore_check'")).ShouldBe(0, "the scratch database is dropped");

        using (var process = host.StartProcess())
        {
            await process.WaitUntilLiveAsync(TimeSpan.FromSeconds(60));
            using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{process.Port}") };
            var metrics = await scraper.GetStringAsync("/metrics", Ct);
            metrics.ShouldMatch(@"erp_backups_check_succeeded\{[^}]*\} 1\b");
            metrics.ShouldMatch(@"erp_backups_age_seconds\{[^}]*\} \d");
            metrics.ShouldMatch(@"erp_backups_check_age_seconds\{[^}]*\} \d");
        }

        // A copy damaged on the backup volume: the restore refuses before it touches the database.
        var copy = Directory.GetFiles(Path.Combine(_backups, check.GetProperty("id").GetString()!, "blobs"), "*", SearchOption.AllDirectories).Single();
        var bytes = await File.ReadAllBytesAsync(copy, Ct);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(copy, bytes, Ct);
        var (damaged, output) = await CommandAsync("restore", "latest", "--yes");
        damaged.ShouldBe(1, output);
        output.ShouldContain("does not match its checksum");
        output.ShouldContain("nothing was changed");
        (await admin.GetAsync("/api/backups", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the database was not replaced");

        // Without a name typed back, restore changes nothing either.
        var (refused, asked) = await new ErpHost(_database, [], settings: _settings).RunCommandWithInputAsync("wrong\n", "restore", "latest");
        refused.ShouldBe(1, asked);
        asked.ShouldContain("Nothing was changed.");
    }

    [Fact]
    public async Task InAnS3Bucket_BackupsAreListedCheckedAndRestored_AndRetentionRemovesTheirObjects()
    {
        var bucket = await S3Server.CreateBucketAsync();
        _settings = new Dictionary<string, string?>
        {
            ["Backups:Path"] = _backups, // where they are written before the upload
            ["Backups:S3:Bucket"] = bucket,
            ["Backups:S3:ServiceUrl"] = S3Server.Endpoint.ToString(),
            ["Backups:S3:ForcePathStyle"] = "true",
            ["Backups:S3:AccessKey"] = "erp-test",
            ["Backups:S3:SecretKey"] = "erp-test-secret",
            ["Backups:KeepDaily"] = "1", ["Backups:KeepWeekly"] = "0", ["Backups:KeepMonthly"] = "0",
        };
        await using (var host = new ErpHost(_database, [], environment: "Development", settings: _settings))
        {
            using var admin = await host.CreateSignedInClientAsync();
            var company = await admin.CreateCompanyAsync("Bucket");
            await UploadAsync(admin.WorkingIn(company), $"/api/attachments/companies/{company}", Files.Pdf(5_000), "order.pdf");

            var (first, firstOutput) = await CommandAsync("backup");
            first.ShouldBe(0, firstOutput);
            await Task.Delay(1100, Ct); // backups are named by the second they began
            var (second, secondOutput) = await CommandAsync("backup");
            second.ShouldBe(0, secondOutput);
            secondOutput.ShouldContain("(retention)", Case.Sensitive, "one daily backup kept: the first goes");
            var newest = BackupLine().Match(secondOutput).Groups["id"].Value;
            var keys = await S3Server.KeysAsync(bucket);
            keys.ShouldAllBe(k => k.StartsWith($"erp-backups/{newest}/", StringComparison.Ordinal), string.Join(", ", keys));
            keys.ShouldContain($"erp-backups/{newest}/manifest.json");
            keys.Count(k => k.Contains("/blobs/", StringComparison.Ordinal)).ShouldBe(1);
            Directory.EnumerateFileSystemEntries(_backups).ShouldBeEmpty("written locally, uploaded, then removed");

            (await admin.PostAsync("/api/background-jobs/recurring/Backups.Check/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var (listed, _) = await Eventually.ValueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/api/backups", Ct)).GetProperty("backups"),
                b => b.GetArrayLength() == 1 && b[0].GetProperty("lastCheck").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60));
            listed[0].GetProperty("id").GetString().ShouldBe(newest);
            listed[0].GetProperty("lastCheck").GetProperty("succeeded").GetBoolean().ShouldBeTrue(listed.ToString());
            (await S3Server.KeysAsync(bucket)).ShouldContain($"erp-backups/{newest}/check.json");
        } // every instance stopped, as before a restore (a running one holds connections: the restore refuses)
        Npgsql.NpgsqlConnection.ClearAllPools(); // a stopped process keeps no idle connection either

        var (restored, restoreOutput) = await CommandAsync("restore", "latest", "--yes");
        restored.ShouldBe(0, restoreOutput);
        restoreOutput.ShouldContain("every table's rows and checksum match the manifest");
        Directory.EnumerateFileSystemEntries(_backups).ShouldBeEmpty("the downloaded copy is removed after the restore");
    }

    [Fact]
    public async Task ARestore_WhileAnInstanceIsConnected_ChangesNothing_UnlessToldToCloseItsConnections()
    {
        // An instance that writes nothing by itself (no job server, no delivery), so what the forced restore compares
        // with the manifest is only what it restored.
        var quiet = new Dictionary<string, string?>(_settings) { ["BackgroundJobs:WorkerCount"] = "0", ["Messaging:Concurrency"] = "0" };
        await using var host = new ErpHost(_database, [], settings: quiet);
        using var admin = await host.CreateSignedInClientAsync();
        var (backedUp, backupOutput) = await CommandAsync("backup");
        backedUp.ShouldBe(0, backupOutput);
        var company = await admin.CreateCompanyAsync("After the backup");
        var companyRows = $"SELECT count(*) FROM companies.companies WHERE id = '{company}'";

        var (refused, output) = await CommandAsync("restore", "latest", "--yes");
        refused.ShouldBe(1, output);
        output.ShouldMatch($@"Database {_database} has [1-9]\d* open connections \([^)]*erp 127\.0\.0\.1", "the instance's pool, by name and address");
        output.ShouldContain("Stop every instance first, or restore with --force to close them.");
        output.ShouldContain("Nothing was changed.");
        (await PostgresServer.ScalarAsync<long>(_database, companyRows)).ShouldBe(1, "the database was not replaced");
        (await admin.GetAsync("/api/companies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "the instance kept its connections");

        var (forced, forcedOutput) = await CommandAsync("restore", "latest", "--yes", "--force");
        forced.ShouldBe(0, forcedOutput);
        forcedOutput.ShouldContain("closing its connections");
        forcedOutput.ShouldContain("every table's rows and checksum match the manifest");
        Npgsql.NpgsqlConnection.ClearAllPools(); // this process's connections were closed by the restore
        (await PostgresServer.ScalarAsync<long>(_database, companyRows)).ShouldBe(0, "the database is the backup's");
    }

    [Fact]
    public async Task ARestoreThatDoesNotComeBackAsItsManifestSays_LeavesTheDatabaseAsItWas()
    {
        var (backedUp, backupOutput) = await CommandAsync("backup");
        backedUp.ShouldBe(0, backupOutput);
        var id = BackupLine().Match(backupOutput).Groups["id"].Value;
        await PostgresServer.ExecuteAsync("CREATE TABLE public.written_after_the_backup ()", _database);

        // The manifest says a table held one row more than the dump brings back.
        var manifestFile = Path.Combine(_backups, id, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestFile, Ct))!;
        var table = manifest["tables"]![0]!;
        var rows = table["rows"]!.GetValue<long>();
        table["rows"] = rows + 1;
        await File.WriteAllTextAsync(manifestFile, manifest.ToJsonString(), Ct);
        Npgsql.NpgsqlConnection.ClearAllPools(); // nothing connected, as for any restore

        var (restored, output) = await CommandAsync("restore", id, "--yes");
        restored.ShouldBe(1, output);
        output.ShouldContain($"has {rows} rows; the backup holds {rows + 1}");
        output.ShouldContain($"database {_database} was not replaced");
        (await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM pg_tables WHERE tablename = 'written_after_the_backup'"))
            .ShouldBe(1, "the database is the one the restore found");
        (await PostgresServer.ScalarAsync<long>("postgres", $"SELECT count(*) FROM pg_database WHERE datname LIKE '{_database}\\_%'"))
            .ShouldBe(0, "the copy it restored beside the database is gone");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // its pg_dump stand-in is a shell script
    public async Task TheBackupsSessions_CarryItsName_SoAnOperatorSeesWhoIsConnected()
    {
        // pg_dump's stand-in notes who is connected while the backup holds its snapshot, and its own name, then dumps.
        var tools = Directory.CreateDirectory(_backups + "-tools").FullName;
        var seen = Path.Combine(tools, "seen.txt");
        var pgDump = Path.Combine(tools, "pg_dump");
        await File.WriteAllTextAsync(pgDump, $"""
            #!/bin/sh
            psql -XAtc "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" > '{seen}'
            echo "pg_dump as $PGAPPNAME" >> '{seen}'
            exec pg_dump "$@"
            """, Ct);
        File.SetUnixFileMode(pgDump, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _settings["Backups:PgDump"] = pgDump;

        var (exitCode, output) = await CommandAsync("backup");

        exitCode.ShouldBe(0, output);
        var sessions = await File.ReadAllLinesAsync(seen, Ct);
        sessions.ShouldContain("erp-backup", $"the connection holding the snapshot; seen: {string.Join(", ", sessions)}");
        sessions.ShouldContain("pg_dump as erp-backup");
    }

    private Task<(int ExitCode, string Output)> CommandAsync(params string[] args) =>
        new ErpHost(_database, Plugins, settings: _settings).RunCommandAsync(args);

    private static async Task<Guid> UploadAsync(HttpClient client, string url, byte[] content, string fileName)
    {
        using var response = await client.PostAsync(url, Files.Upload(content, fileName), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.DescribeAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    // Rows of the tables a drill must bring back, and the total over every table.
    private async Task<(long Tables, long Rows, long Companies, long Blobs, long Products, long Users)> FiguresAsync() =>
    (
        await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"),
        await PostgresServer.ScalarAsync<long>(_database, "SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"),
        await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM companies.companies"),
        await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM blobs.blobs"),
        await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM catalog.products"),
        await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM identity.users")
    );

    private Dictionary<string, string> BlobFiles()
    {
        var root = ErpHost.BlobsPathOf(_database);
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.staging/", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
    }

    [GeneratedRegex(@"Backup (?<id>\d{8}T\d{6}Z):")]
    private static partial Regex BackupLine();
}
