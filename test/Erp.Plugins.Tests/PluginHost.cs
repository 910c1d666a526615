using System.Net;
using System.Net.Http.Json;
using Erp.Testing;
using Npgsql;
using Shouldly;

namespace Erp.Plugins.Tests;

/// <summary>A host with business plugins, migrated, and its administrator signed in: what each test class of a plugin shares.</summary>
public abstract class PluginHost(params string[] plugins) : IAsyncLifetime
{
    private const string Password = "Clerk-Pass-2026!";

    public ErpHost Host { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public string Database { get; private set; } = "";

    /// <summary>
    /// Connect as production does: an ordinary role that owns a database of its own, so row-level security holds every
    /// statement (raw SQL and locks included) to the companies named (a superuser is never held to a policy). Slower: the
    /// database is migrated from nothing.
    /// </summary>
    protected virtual bool AsOrdinaryRole => false;

    public async ValueTask InitializeAsync()
    {
        (Database, var settings) = await CreateDatabaseAsync();
        Host = new ErpHost(Database, plugins, settings: settings);
        await Host.MigrateAsync();
        Admin = await Host.CreateSignedInClientAsync();
        (await Admin.GetStringAsync("/api/plugins")).ShouldNotContain("\"Failed\"", Case.Sensitive, "every plugin migrated, its policies made");
    }

    /// <summary>The database the host works on, and the settings that name it when they are not the test server's defaults.</summary>
    protected virtual async Task<(string Database, IDictionary<string, string?>? Settings)> CreateDatabaseAsync()
    {
        if (!AsOrdinaryRole) return (await TestDatabases.CreateMigratedAsync(), null);
        var role = "erp_app_" + Guid.NewGuid().ToString("N")[..12];
        var database = "erp_plugins_" + Guid.NewGuid().ToString("N")[..12];
        await PostgresServer.ExecuteAsync($"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS");
        await PostgresServer.ExecuteAsync($"CREATE DATABASE {database} OWNER {role}");
        return (database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Erp"] = new NpgsqlConnectionStringBuilder(PostgresServer.For(database)) { Username = role }.ToString(),
        });
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync(); // null when the database could not be made
        GC.SuppressFinalize(this);
    }

    /// <summary>An administrator's client of its own, working in <paramref name="company"/> (no header to pass on each call).</summary>
    public async Task<HttpClient> AdminInAsync(Guid company) => (await Host.CreateSignedInClientAsync()).WorkingIn(company);

    /// <summary>A user who works in <paramref name="company"/> only, holding <paramref name="permissions"/>.</summary>
    public async Task<HttpClient> MemberOfAsync(Guid company, params string[] permissions)
    {
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..8];
        var userId = await Host.CreateUserAsync(Admin, userName, Password);
        (await Admin.PutAsJsonAsync("/api/permissions/grants", new { kind = "User", key = userId.ToString(), grant = permissions })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Admin.PutAsJsonAsync($"/api/companies/{company}/members", new { addUsers = new[] { userId } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return await Host.CreateSignedInClientAsync(userName, Password);
    }
}
