using Npgsql;

namespace Erp.Testing;

/// <summary>
/// Databases for tests. Once per run a template is migrated and seeded by the host's own migrator (with the
/// sample plugin); each test class then clones it with <c>CREATE DATABASE … TEMPLATE</c>: fast, isolated, no cleanup.
/// </summary>
public static class TestDatabases
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static async Task<string> CreateMigratedAsync()
    {
        var template = await TemplateAsync();
        var name = NewName();
        await PostgresServer.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return name;
    }

    public static async Task<string> CreateEmptyAsync()
    {
        var name = NewName();
        await PostgresServer.ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    private static string NewName() => "erp_test_" + Guid.NewGuid().ToString("N")[..16];

    private static async Task<string> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = await CreateEmptyAsync();
            await using (var host = new ErpHost(name, [TestPlugins.Sample]))
                await host.MigrateAsync();
            NpgsqlConnection.ClearAllPools(); // a template must have no open connections
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }
}
