using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Security;
using Erp.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace Erp.Platform.Tests;

/// <summary>
/// Row-level security under the company filter, with Erp connecting as production does: an ordinary role that owns its
/// database (a superuser is never held to a policy). A raw SQL query through a module's connection that forgets the
/// company filter still sees and writes only its companies' rows.
/// </summary>
public sealed class RowLevelSecurityTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Rates = "/api/sample/exchange-rates";

    private string _database = "", _connectionString = "";
    private ErpHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        var role = "erp_app_" + Guid.NewGuid().ToString("N")[..12];
        _database = "erp_rls_" + Guid.NewGuid().ToString("N")[..12];
        await PostgresServer.ExecuteAsync($"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS");
        await PostgresServer.ExecuteAsync($"CREATE DATABASE {_database} OWNER {role}");
        _connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.For(_database)) { Username = role }.ToString();
        _host = Host();
        await _host.MigrateAsync();
        _admin = await _host.CreateSignedInClientAsync();
        (await _admin.GetStringAsync("/api/plugins")).ShouldNotContain("\"Failed\""); // the plugin's policy was made
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ARawQueryThroughTheModulesConnection_SeesAndWritesOnlyItsCompaniesRows()
    {
        var (a, b) = (await _admin.CreateCompanyAsync("Alpha"), await _admin.CreateCompanyAsync("Beta"));
        foreach (var (company, currency) in new[] { (a, "USD"), (b, "CHF"), (b, "GBP") })
            (await _admin.SendInCompanyAsync(HttpMethod.Post, Rates, company, new { currency, rate = 1.1m, validFrom = "2026-12-01" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostgresServer.ScalarAsync<long>(_database, "SELECT count(*) FROM sample.exchange_rates")).ShouldBe(3); // as the superuser

        // Work in company A, as a job or an event handler of A runs: the filter is not in raw SQL, the policy is.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(a);
            var db = ModuleContexts.Of(scope.ServiceProvider, "Erp.Sample");
            (await db.Database.SqlQueryRaw<Guid>("SELECT company_id AS \"Value\" FROM sample.exchange_rates").ToListAsync(Ct)).ShouldBe([a]);
            (await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sample.exchange_rates").SingleAsync(Ct)).ShouldBe(1);
            (await db.Database.ExecuteSqlAsync($"UPDATE sample.exchange_rates SET rate = 9 WHERE company_id = {b}", Ct)).ShouldBe(0);
            (await db.Database.ExecuteSqlAsync($"DELETE FROM sample.exchange_rates WHERE company_id = {b}", Ct)).ShouldBe(0);
            var insert = await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlAsync(
                $"INSERT INTO sample.exchange_rates (id, company_id, currency, rate, valid_from, created_at) VALUES (gen_random_uuid(), {b}, 'EUR', 1, '2026-12-01', now())", Ct));
            insert.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege); // "new row violates row-level security policy"
        }

        (await PostgresServer.ScalarAsync<long>(_database, $"SELECT count(*) FROM sample.exchange_rates WHERE company_id = '{b}' AND rate = 1.1")).ShouldBe(2);

        // System work (no company said) sees every company; a connection that names no company sees none.
        await using (var scope = _host.Services.CreateAsyncScope())
            (await ModuleContexts.Of(scope.ServiceProvider, "Erp.Sample").Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sample.exchange_rates").SingleAsync(Ct)).ShouldBe(3);
        await using var raw = new NpgsqlConnection(_connectionString);
        await raw.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM sample.exchange_rates", raw);
        ((long)(await count.ExecuteScalarAsync(Ct))!).ShouldBe(0);
    }

    [Fact]
    public async Task TheSettingDecidesThePolicies_AndAHostWhoseDatabaseDiffers_SaysMigrateIsPending()
    {
        static string Policies(string table) => $"SELECT count(*) FROM pg_policy WHERE polrelid = '{table}'::regclass AND polname = '{CompanyRowSecurity.Policy}'";
        (await PostgresServer.ScalarAsync<long>(_database, Policies("sample.exchange_rates"))).ShouldBe(1);

        await using var off = Host(rowLevelSecurity: false);
        (await off.Services.GetRequiredService<DatabaseMigrator>().GetOutdatedSchemasAsync(Ct)).ShouldContain("Erp.Sample: row-level security of schema sample");
        (await off.CreateClient().GetAsync("/health/startup", Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await off.MigrateAsync();
        (await PostgresServer.ScalarAsync<long>(_database, Policies("sample.exchange_rates"))).ShouldBe(0);
        (await off.Services.GetRequiredService<DatabaseMigrator>().GetOutdatedSchemasAsync(Ct)).ShouldBeEmpty();

        await _host.MigrateAsync(); // on again, for the other test
        (await PostgresServer.ScalarAsync<long>(_database, Policies("sample.exchange_rates"))).ShouldBe(1);

        // A database an older Erp migrated (its policy's expression, nothing recorded on the history table) is pending,
        // and migrate replaces the policy.
        await PostgresServer.ExecuteAsync($"COMMENT ON POLICY {CompanyRowSecurity.Policy} ON sample.exchange_rates IS 'erp-company-v0'", _database);
        await PostgresServer.ExecuteAsync($"COMMENT ON TABLE sample.{ErpDbContextOptions.MigrationsHistoryTable} IS NULL", _database);
        (await _host.Services.GetRequiredService<DatabaseMigrator>().GetOutdatedSchemasAsync(Ct)).ShouldBe(["Erp.Sample: row-level security of schema sample"]);
        await _host.MigrateAsync();
        (await _host.Services.GetRequiredService<DatabaseMigrator>().GetOutdatedSchemasAsync(Ct)).ShouldBeEmpty();
        (await PostgresServer.ScalarAsync<string>(_database, PolicyVersion("sample.exchange_rates"))).ShouldBe(CompanyRowSecurity.PolicyVersion);
    }

    [Fact]
    public async Task ALowCodeTable_IsHeldToItsCompanies_AndSchemaChangesStillSeeEveryCompanysRows()
    {
        var (a, b) = (await _admin.CreateCompanyAsync("Alpha"), await _admin.CreateCompanyAsync("Beta"));
        var created = await (await _admin.PutAsJsonAsync("/api/low-code/entities/ticket", new
        {
            label = "Ticket", pluralLabel = "Tickets", version = 0,
            fields = new object[] { new { name = "code", label = "Code", type = "Text" } },
        }, Ct)).ReadAsync<JsonElement>();
        await PostgresServer.ExecuteAsync($"INSERT INTO data.ticket (id, company_id, code) VALUES (gen_random_uuid(), '{a}', '17'), (gen_random_uuid(), '{b}', 'B-7')", _database);

        // The application's own connection in company A sees A's row only.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(a);
            var db = ModuleContexts.Of(scope.ServiceProvider, "Erp.LowCode");
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.Database.ExecuteSqlAsync($"SELECT set_config({CompanyRowSecurity.Setting}, {a.ToString()}, true)", Ct); // as the data API will
            (await db.Database.SqlQueryRaw<string>("SELECT code AS \"Value\" FROM data.ticket").ToListAsync(Ct)).ShouldBe(["17"]);
        }

        // The data API names its companies to row-level security: a record it writes passes the policy's check, and it
        // reads what the policy lets it (the administrator works in both companies).
        (await _admin.SendInCompanyAsync(HttpMethod.Post, "/api/data/ticket", a, new { code = "18" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var listed = await (await _admin.SendInCompanyAsync(HttpMethod.Get, "/api/data/ticket?sort=code", a)).ReadAsync<JsonElement>();
        listed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["17", "18", "B-7"]);
        await PostgresServer.ExecuteAsync("DELETE FROM data.ticket WHERE code = '18'", _database);

        // A type change is checked against every company's rows: B's 'B-7' is no number, so nothing changes.
        var id = created.GetProperty("fields")[0].GetProperty("id").GetGuid();
        await (await _admin.PutAsJsonAsync("/api/low-code/entities/ticket", new
        {
            label = "Ticket", pluralLabel = "Tickets", version = 1,
            fields = new object[] { new { id, name = "code", label = "Code", type = "WholeNumber" } },
        }, Ct)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "low-code.field.values-do-not-convert");
        (await PostgresServer.ScalarAsync<string>(_database, "SELECT data_type FROM information_schema.columns WHERE table_schema = 'data' AND table_name = 'ticket' AND column_name = 'code'"))
            .ShouldBe("character varying");

        // A low-code table's policy of an older Erp: migrate replaces it, as a module table's.
        await PostgresServer.ExecuteAsync($"COMMENT ON POLICY {CompanyRowSecurity.Policy} ON data.ticket IS 'erp-company-v1'", _database);
        await _host.MigrateAsync();
        (await PostgresServer.ScalarAsync<string>(_database, PolicyVersion("data.ticket"))).ShouldBe(CompanyRowSecurity.PolicyVersion);
    }

    [Fact]
    public async Task Migrate_LeavesCurrentSchemasAlone_YetReplacesAPolicyOlderThanItsSchemasRecord()
    {
        var migrator = _host.Services.GetRequiredService<DatabaseMigrator>();
        var progress = new List<string>();
        await migrator.MigrateAsync(includeDemoData: false, progress.Add, Ct);
        progress.ShouldContain("Erp.Identity: schema of IdentityDbContext up to date");
        progress.ShouldContain("Erp.Sample: schema of SampleDbContext up to date");
        progress.ShouldNotContain(line => line.Contains("to apply", StringComparison.Ordinal));

        // One table's policy of an older Erp, its schema's record untouched (as an instance of the previous version leaves a
        // table it made during a rolling update): the start-up check does not see it; migrate does, and replaces it.
        await PostgresServer.ExecuteAsync($"COMMENT ON POLICY {CompanyRowSecurity.Policy} ON sample.exchange_rates IS 'erp-company-v1'", _database);
        (await migrator.GetOutdatedSchemasAsync(Ct)).ShouldBeEmpty();
        progress.Clear();
        await migrator.MigrateAsync(includeDemoData: false, progress.Add, Ct);
        progress.ShouldContain("Erp.Sample: 0 migration(s) to apply to schema of SampleDbContext");
        progress.ShouldContain("Erp.Identity: schema of IdentityDbContext up to date");
        (await PostgresServer.ScalarAsync<string>(_database, PolicyVersion("sample.exchange_rates"))).ShouldBe(CompanyRowSecurity.PolicyVersion);
    }

    private static string PolicyVersion(string table) =>
        $"SELECT obj_description(oid, 'pg_policy') FROM pg_policy WHERE polrelid = '{table}'::regclass AND polname = '{CompanyRowSecurity.Policy}'";

    private ErpHost Host(bool rowLevelSecurity = true) => new(_database, [TestPlugins.Sample], settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Erp"] = _connectionString,
        [CompanyRowSecurity.ConfigurationKey] = rowLevelSecurity ? "true" : "false",
    });
}
