using Erp.Testing;

namespace Erp.Identity.Tests;

/// <summary>One host per test class on a fresh migrated database, with a client signed in as the administrator.</summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public ErpHost Host { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public string Database { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync();
        Host = new ErpHost(Database, [TestPlugins.Sample]);
        Admin = await Host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A new user holding <paramref name="roles"/>, signed in; names are unique per call.</summary>
    public async Task<(Guid Id, string UserName, HttpClient Client)> SignedInUserAsync(params string[] roles)
    {
        var userName = "user" + Guid.NewGuid().ToString("N")[..10];
        const string password = "Correct-Horse-42";
        var id = await Host.CreateUserAsync(Admin, userName, password, roles);
        return (id, userName, await Host.CreateSignedInClientAsync(userName, password));
    }
}
