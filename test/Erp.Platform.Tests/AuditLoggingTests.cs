using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// The audit log on two instances: entity changes recorded in the transaction of the change, request records written
/// in batches, masked values, search with keyset paging, CSV export, and retention by whole monthly partitions.
/// </summary>
public sealed class AuditLoggingTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Written = TimeSpan.FromSeconds(5);
    private const string CurrencyType = "Erp.Sample.Domain.Currencies.Currency";

    [Fact]
    public async Task ACommittedChange_LeavesOneRecordPerChangedEntity_WithItsOldAndNewValues_ItsActorAndItsRequestsTrace()
    {
        var created = await CreateCurrencyAsync("Kwacha", "ZMW");
        var id = created.GetProperty("id").GetGuid();
        var renamed = await instances.AdminOnA.PutAsJsonAsync($"/api/sample/currencies/{id}/name",
            new { name = "Zambian kwacha", version = created.GetProperty("version").GetUInt32() }, Ct);
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await instances.AdminOnA.DeleteAsync($"/api/sample/currencies/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var history = (await GetAsync($"/api/audit/entities/{CurrencyType}/{id}/changes")).GetProperty("items").EnumerateArray().Reverse().ToArray();
        history.Select(c => c.GetProperty("changeType").GetString()).ShouldBe(["Created", "Updated", "Deleted"]);
        Properties(history[0]).ShouldContainKeyAndValue("Code", (null, "ZMW"));
        Properties(history[0]).ShouldContainKeyAndValue("Name", (null, "Kwacha"));
        Properties(history[1]).ShouldBe(new Dictionary<string, (string?, string?)> { ["Name"] = ("Kwacha", "Zambian kwacha") });
        Properties(history[2]).ShouldBe(new Dictionary<string, (string?, string?)> { ["IsDeleted"] = ("false", "true") });
        history.ShouldAllBe(c => c.GetProperty("actorName").GetString() == ErpHost.Admin);

        // The rename's trace: its request record, the currency's change and the name history entry its handler wrote.
        var trace = history[1].GetProperty("traceId").GetString()!;
        trace.ShouldNotBeNullOrEmpty();
        var inTrace = (await GetAsync($"/api/audit/entity-changes?traceId={trace}")).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("entityType").GetString()).Order().ToArray();
        inTrace.ShouldBe([CurrencyType, "Erp.Sample.Domain.Currencies.CurrencyNameChange"]);
        var (requests, _) = await Eventually.ValueAsync(() => GetAsync($"/api/audit/requests?traceId={trace}"),
            r => r.GetProperty("items").GetArrayLength() == 1, Written);
        var request = requests.GetProperty("items")[0];
        request.GetProperty("method").GetString().ShouldBe("PUT");
        request.GetProperty("route").GetString().ShouldBe("/api/sample/currencies/{id:guid}/name");
        request.GetProperty("path").GetString().ShouldBe($"/api/sample/currencies/{id}/name");
        request.GetProperty("status").GetInt32().ShouldBe(200);
        request.GetProperty("actorName").GetString().ShouldBe(ErpHost.Admin);
    }

    [Fact]
    public async Task AChangeWhoseTransactionFails_LeavesNoAuditRecord()
    {
        // Fails at commit, after both the currency and its audit record were inserted.
        await PostgresServer.ExecuteAsync("""
            CREATE FUNCTION sample.refuse_xts() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.code = 'XTS' THEN RAISE EXCEPTION 'refused at commit'; END IF; RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER refuse_xts AFTER INSERT ON sample.currencies DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW EXECUTE FUNCTION sample.refuse_xts();
            """, instances.Database);
        try
        {
            var response = await instances.AdminOnA.PostAsJsonAsync("/api/sample/currencies", new { code = "XTS", name = "Testing", decimalPlaces = 2 }, Ct);
            response.IsSuccessStatusCode.ShouldBeFalse();
        }
        finally
        {
            await PostgresServer.ExecuteAsync("DROP TRIGGER refuse_xts ON sample.currencies; DROP FUNCTION sample.refuse_xts();", instances.Database);
        }

        (await ScalarAsync("SELECT count(*) FROM sample.currencies WHERE code = 'XTS'")).ShouldBe(0);
        (await ScalarAsync("SELECT count(*) FROM audit.entity_changes WHERE properties::text LIKE '%XTS%'")).ShouldBe(0);
        // The failed request itself is recorded.
        (await RecordedAsync("path = '/api/sample/currencies' AND status = 500")).ShouldBe(1);
    }

    [Fact]
    public async Task MaskedValues_NeverAppearInClear_AnywhereInTheAuditSchema()
    {
        var settingSecret = "rk_live_" + Guid.NewGuid().ToString("N");
        (await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Sample", new { values = new Dictionary<string, string?> { ["Sample.RatesApiKey"] = settingSecret } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var client = await (await instances.AdminOnA.PostAsJsonAsync("/api/identity/clients", new { clientId = "audit-probe", displayName = "Audit probe" }, Ct))
            .ReadAsync<JsonElement>();
        var clientSecret = client.GetProperty("clientSecret").GetString()!;
        const string password = "Masked-Password-42";
        var userName = "masked" + Guid.NewGuid().ToString("N")[..8];
        var userId = await instances.A.CreateUserAsync(instances.AdminOnA, userName, password);
        var stored = await PostgresServer.ScalarAsync<string>(instances.Database,
            $"SELECT password_hash || security_stamp FROM identity.users WHERE id = '{userId}'");
        var storedSecret = await PostgresServer.ScalarAsync<string>(instances.Database,
            "SELECT value FROM settings.values WHERE name = 'Sample.RatesApiKey' AND user_id IS NULL");

        var audit = await PostgresServer.ScalarAsync<string>(instances.Database,
            "SELECT (SELECT coalesce(string_agg(c::text, E'\\n'), '') FROM audit.entity_changes c) || (SELECT coalesce(string_agg(r::text, E'\\n'), '') FROM audit.requests r)");
        audit.ShouldContain("Sample.RatesApiKey"); // recorded, with the value masked
        audit.ShouldContain("audit-probe");
        audit.ShouldContain(userName);
        foreach (var secret in new[] { settingSecret, storedSecret, clientSecret, password, stored[..20], stored[^20..] }) audit.ShouldNotContain(secret);
    }

    [Fact]
    public async Task Requests_AreRecorded_WhenTheyChangeOrFailOrReadSomethingSensitive_AndReadsOtherwiseNot()
    {
        var marker = Guid.NewGuid().ToString("N");
        (await instances.AdminOnA.GetAsync($"/api/sample/currencies?probe={marker}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await instances.AdminOnA.GetAsync($"/api/nothing-here/{marker}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = instances.B.CreateClient();
        (await anonymous.GetAsync($"/api/sample/currencies/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await instances.AdminOnA.GetAsync($"/api/audit/entities/Probe/{marker}/changes", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // reading the log

        (await RecordedAsync($"path = '/api/nothing-here/{marker}' AND status = 404")).ShouldBe(1);
        (await RecordedAsync("status = 401 AND route = '/api/sample/currencies/{id:guid}' AND user_id IS NULL")).ShouldBe(1); // through B
        (await RecordedAsync($"path = '/api/audit/entities/Probe/{marker}/changes' AND status = 200")).ShouldBe(1);
        (await ScalarAsync("SELECT count(*) FROM audit.requests WHERE route = '/api/sample/currencies' AND method = 'GET' AND status = 200")).ShouldBe(0);
    }

    [Fact]
    public async Task WithTheSetting_SuccessfulReadsAreRecordedToo()
    {
        var database = await TestDatabases.CreateMigratedAsync(); // the fixture's database records no successful reads
        await using var host = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["Settings:AuditLogging:RecordSuccessfulReads"] = "true",
        });
        using var admin = await host.CreateSignedInClientAsync();
        (await admin.GetAsync("/api/sample/currencies", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (recorded, _) = await Eventually.ValueAsync(() => PostgresServer.ScalarAsync<long>(database,
            "SELECT count(*) FROM audit.requests WHERE route = '/api/sample/currencies' AND method = 'GET' AND status = 200"), n => n > 0, Written);
        recorded.ShouldBe(1);
    }

    [Fact]
    public async Task Search_PagesByKeyset_WithoutGapsOrRepeats_AndRefusesBadInputWithProblems()
    {
        var marker = "/api/paging-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 7; i++) (await instances.AdminOnA.DeleteAsync($"{marker}/{i}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Eventually.ValueAsync(() => ScalarAsync($"SELECT count(*) FROM audit.requests WHERE path LIKE '{marker}/%'"), n => n == 7, Written);

        var paths = new List<string>();
        string? after = null;
        do
        {
            var page = await GetAsync($"/api/audit/requests?status=404&take=3&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}" +
                (after is null ? "" : $"&after={after}"));
            paths.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("path").GetString()!));
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);

        var ours = paths.Where(p => p.StartsWith(marker, StringComparison.Ordinal)).ToArray();
        ours.ShouldBe(Enumerable.Range(0, 7).Reverse().Select(i => $"{marker}/{i}").ToArray()); // newest first, each once
        paths.Count.ShouldBe(paths.Distinct().Count());

        await (await instances.AdminOnA.GetAsync("/api/audit/requests?after=not-a-cursor", Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await instances.AdminOnA.GetAsync("/api/audit/requests?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await instances.AdminOnA.GetAsync("/api/audit/requests?take=0", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await instances.AdminOnA.GetAsync("/api/audit/entity-changes/export?after=bad", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheCsvExport_HoldsTheSearch_AndEscapesCellsASpreadsheetWouldRun()
    {
        // A user name Identity allows, chosen to run as a formula where the export is opened.
        var userName = "-2+" + Guid.NewGuid().ToString("N")[..6];
        await instances.A.CreateUserAsync(instances.AdminOnA, userName, "Correct-Horse-42");
        using var attacker = await instances.A.CreateSignedInClientAsync(userName, "Correct-Horse-42");
        (await attacker.DeleteAsync("/api/sample/currencies/" + Guid.NewGuid(), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await RecordedAsync($"actor_name = '{userName}' AND status = 403");

        var response = await instances.AdminOnA.GetAsync("/api/audit/requests/export?status=403", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Id,OccurredAt,UserId,ActorName,ClientId,CompanyId,Ip,Method,Route,Path,Status");
        var row = lines.Single(l => l.Contains(userName[1..], StringComparison.Ordinal));
        row.ShouldNotContain("," + userName + ","); // never a bare cell starting with -
        row.ShouldContain("'" + userName);
    }

    [Fact]
    public async Task AGracefullyStoppedHost_WritesTheRecordsItStillHeld()
    {
        var marker = "/api/flush-" + Guid.NewGuid().ToString("N")[..8];
        var host = new ErpHost(instances.Database, [TestPlugins.Sample], settings: new Dictionary<string, string?> { [ErpHost.MailSenderSetting] = instances.A.MailSender });
        using (var anonymous = host.CreateClient())
        {
            for (var i = 0; i < 50; i++) (await anonymous.PostAsync($"{marker}/{i}", null, Ct)).IsSuccessStatusCode.ShouldBeFalse();
        }

        await host.DisposeAsync();
        (await ScalarAsync($"SELECT count(*) FROM audit.requests WHERE path LIKE '{marker}/%'")).ShouldBe(50);
    }

    [Fact]
    public async Task BeyondTheQueuesCapacity_RecordsAreDroppedAndCounted_NotQueuedWithoutEnd()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        var host = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
        {
            ["AuditLogging:Requests:QueueCapacity"] = "2",
            ["AuditLogging:Requests:FlushInterval"] = "00:01:00", // the writer waits while the requests fill the queue
        });
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "erp.audit.requests.dropped" && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();

        using (var anonymous = host.CreateClient())
        {
            for (var i = 0; i < 10; i++) (await anonymous.PostAsync($"/api/dropped/{i}", null, Ct)).IsSuccessStatusCode.ShouldBeFalse();
        }

        Interlocked.Read(ref dropped).ShouldBe(8);
        await host.DisposeAsync(); // writes the two it held
        (await PostgresServer.ScalarAsync<long>(database, "SELECT count(*) FROM audit.requests WHERE path LIKE '/api/dropped/%'")).ShouldBe(2);
    }

    [Fact]
    public async Task Retention_DropsWholeMonthsOlderThanTheSetting_AndKeepsTheRest()
    {
        (await instances.AdminOnA.PutAsJsonAsync("/api/settings/global/Audit log",
            new { values = new Dictionary<string, string?> { ["AuditLogging.RetentionDays"] = "90" } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Rows of months without a partition yet land in the default partitions; the job gives them their months.
        var now = DateTimeOffset.UtcNow;
        var (old, recent) = (now.AddDays(-200), now.AddDays(-40));
        await PostgresServer.ExecuteAsync($"""
            INSERT INTO audit.requests (id, occurred_at, method, path, status, duration_ms) VALUES
                (gen_random_uuid(), '{old:O}', 'POST', '/retention/old', 200, 1), (gen_random_uuid(), '{recent:O}', 'POST', '/retention/recent', 200, 1);
            INSERT INTO audit.entity_changes (id, occurred_at, entity_type, change_type, properties) VALUES
                (gen_random_uuid(), '{old:O}', 'Retention.Old', 'Created', '[]'), (gen_random_uuid(), '{recent:O}', 'Retention.Recent', 'Created', '[]');
            """, instances.Database);

        (await instances.AdminOnA.PostAsync("/api/background-jobs/recurring/AuditLogging.MaintainPartitions/trigger", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var (left, _) = await Eventually.ValueAsync(() => ScalarAsync("SELECT count(*) FROM audit.requests WHERE path LIKE '/retention/%'"),
            n => n == 1, TimeSpan.FromSeconds(30));
        left.ShouldBe(1, "the old month's record is still there");
        (await ScalarAsync($"SELECT count(*) FROM pg_class WHERE relname IN ('requests_{old:yyyy}_{old:MM}', 'entity_changes_{old:yyyy}_{old:MM}')")).ShouldBe(0);
        (await ScalarAsync("SELECT count(*) FROM audit.requests WHERE path = '/retention/recent'")).ShouldBe(1);
        (await ScalarAsync("SELECT count(*) FROM audit.entity_changes WHERE entity_type LIKE 'Retention.%'")).ShouldBe(1);
        (await ScalarAsync($"SELECT count(*) FROM pg_class WHERE relname IN ('requests_{recent:yyyy}_{recent:MM}', 'requests_{now:yyyy}_{now:MM}', 'entity_changes_{recent:yyyy}_{recent:MM}')"))
            .ShouldBe(3);
        (await ScalarAsync("SELECT count(*) FROM audit.requests_default")).ShouldBe(0);
    }

    [Fact]
    public async Task AdministrativeChanges_AreRecordedWithTheirActor()
    {
        var role = await (await instances.AdminOnA.PostAsJsonAsync("/api/identity/roles", new { name = "auditors-" + Guid.NewGuid().ToString("N")[..6] }, Ct))
            .ReadAsync<JsonElement>();
        var roleId = role.GetProperty("id").GetGuid();
        (await instances.AdminOnA.PutAsJsonAsync("/api/permissions/grants", new { kind = "Role", key = roleId.ToString(), grant = new[] { "AuditLogging" } }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var roleChanges = (await GetAsync($"/api/audit/entities/Erp.Identity.Domain.Role/{roleId}/changes")).GetProperty("items");
        roleChanges.GetArrayLength().ShouldBe(1);
        roleChanges[0].GetProperty("actorName").GetString().ShouldBe(ErpHost.Admin);
        var grants = (await GetAsync("/api/audit/entity-changes?entityType=Erp.Permissions.Domain.PermissionGrant")).GetProperty("items").EnumerateArray()
            .Where(c => Properties(c).GetValueOrDefault("SubjectKey").Item2 == roleId.ToString()).ToArray();
        grants.Length.ShouldBe(1);
        Properties(grants[0])["Name"].ShouldBe((null, "AuditLogging"));
        grants[0].GetProperty("actorName").GetString().ShouldBe(ErpHost.Admin);
    }

    private async Task<JsonElement> CreateCurrencyAsync(string name, string code)
    {
        var response = await instances.AdminOnA.PostAsJsonAsync("/api/sample/currencies", new { code, name, decimalPlaces = 2 }, Ct);
        return await response.ReadAsync<JsonElement>();
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await instances.AdminOnA.GetAsync(url, Ct);
        return await response.ReadAsync<JsonElement>();
    }

    private static Dictionary<string, (string? Old, string? New)> Properties(JsonElement change) =>
        change.GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!,
            p => (p.GetProperty("old").GetString(), p.GetProperty("new").GetString()));

    /// <summary>Request records matching <paramref name="condition"/>, once the instances' writers have written at least one.</summary>
    private async Task<long> RecordedAsync(string condition) =>
        (await Eventually.ValueAsync(() => ScalarAsync($"SELECT count(*) FROM audit.requests WHERE {condition}"), n => n > 0, Written)).Value;

    private Task<long> ScalarAsync(string sql) => PostgresServer.ScalarAsync<long>(instances.Database, sql);
}
