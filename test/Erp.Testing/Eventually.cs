using System.Diagnostics;
using System.Net;

namespace Erp.Testing;

/// <summary>
/// For what the platform promises within a bound rather than at once (integration events, cache evictions on other
/// instances): reads until the expected state shows or the bound has passed, and returns the last state.
/// </summary>
public static class Eventually
{
    /// <summary>Calls <paramref name="request"/> until it answers <paramref name="expected"/> or <paramref name="within"/> has passed.</summary>
    public static Task<(HttpStatusCode Value, TimeSpan Elapsed)> StatusAsync(
        Func<Task<HttpResponseMessage>> request, HttpStatusCode expected, TimeSpan within) =>
        ValueAsync(async () =>
        {
            using var response = await request();
            return response.StatusCode;
        }, status => status == expected, within);

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="within"/> has passed; the last value and how long it took.</summary>
    public static async Task<(T Value, TimeSpan Elapsed)> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
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
