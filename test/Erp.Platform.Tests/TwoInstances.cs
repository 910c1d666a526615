using System.Diagnostics;
using System.Net;
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
        B = new ErpHost(database, [TestPlugins.Sample]);
        AdminOnA = await A.CreateSignedInClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    /// <summary>Calls <paramref name="request"/> until it answers <paramref name="expected"/> or <paramref name="within"/> has passed.</summary>
    public static Task<(HttpStatusCode Value, TimeSpan Elapsed)> PollAsync(
        Func<Task<HttpResponseMessage>> request, HttpStatusCode expected, TimeSpan within) =>
        PollAsync(async () =>
        {
            using var response = await request();
            return response.StatusCode;
        }, status => status == expected, within);

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="within"/> has passed; the last value and how long it took.</summary>
    public static async Task<(T Value, TimeSpan Elapsed)> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || watch.Elapsed > within) return (value, watch.Elapsed);
            await Task.Delay(20);
        }
    }
}
