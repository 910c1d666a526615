using Erp.Testing;

namespace Erp.Platform.Tests;

/// <summary>
/// Two hosts on one database and one Redis, as two instances behind a load balancer: both started, B's background
/// work (outbox, jobs) running beside A's. As a class fixture: the sample plugin and default settings.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly string[] _plugins;
    private readonly Dictionary<string, string?> _settings;

    public TwoInstances() : this([TestPlugins.Sample], new Dictionary<string, string?>()) { }

    private TwoInstances(string[] plugins, Dictionary<string, string?> settings)
    {
        _plugins = plugins;
        _settings = settings;
    }

    /// <summary>Two instances with these plugins and settings, started.</summary>
    public static async Task<TwoInstances> StartAsync(string[] plugins, Dictionary<string, string?> settings)
    {
        var instances = new TwoInstances(plugins, settings);
        await instances.InitializeAsync();
        return instances;
    }

    public string Database { get; private set; } = "";
    public ErpHost A { get; private set; } = null!;
    public ErpHost B { get; private set; } = null!;
    public HttpClient AdminOnA { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync();
        A = new ErpHost(Database, _plugins, settings: _settings);
        await A.MigrateAsync(); // plugins beyond the template's sample plugin bring their schemas
        // Either instance may deliver an event (and send its mail): they send as one sender, as instances do.
        B = new ErpHost(Database, _plugins, settings: new Dictionary<string, string?>(_settings) { [ErpHost.MailSenderSetting] = A.MailSender });
        AdminOnA = await A.CreateSignedInClientAsync();
        _ = B.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
