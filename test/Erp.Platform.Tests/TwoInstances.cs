using Erp.Testing;

namespace Erp.Platform.Tests;

/// <summary>Two hosts on one database and one Redis, as two instances behind a load balancer.</summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public ErpHost A { get; private set; } = null!;
    public ErpHost B { get; private set; } = null!;
    public HttpClient AdminOnA { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        A = new ErpHost(database, [TestPlugins.Sample]);
        // Either instance may deliver an event (and send its mail): they share one mail folder, as they would one SMTP server.
        B = new ErpHost(database, [TestPlugins.Sample], settings: new Dictionary<string, string?> { [ErpHost.MailFolderSetting] = A.MailFolder });
        AdminOnA = await A.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
