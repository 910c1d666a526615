using Erp.Testing;

namespace Erp.Host.Tests;

/// <summary>
/// One host per test class: a fresh migrated database, the sample plugin and the faulty plugin (not failing),
/// and a client signed in as the administrator.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public ErpHost Host { get; private set; } = null!;
    public string Database { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync();
        Host = new ErpHost(Database, [TestPlugins.Sample, TestPlugins.Faulty]);
        Client = await Host.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

internal sealed record Currency(Guid Id, string Code, string Name, int DecimalPlaces, bool IsBase, uint Version, DateTimeOffset CreatedAt, DateTimeOffset? ModifiedAt);

internal sealed record NameChange(string OldName, string NewName);

internal sealed record Plugin(string Id, string? Version, string Status, string? Reason, string Folder);

internal sealed record PluginHost(string Version, int[] PluginSdkVersions, string PluginsPath);
