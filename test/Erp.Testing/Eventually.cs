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

    /// <summary>
    /// Reads until <paramref name="done"/> holds or <paramref name="within"/> has passed; the last value, and when the read
    /// that saw it began (or, if none did, how long it waited). A bound promises that a request sent after it sees the
    /// change, so the read's own duration, long on a busy CI machine, is not counted against the platform.
    /// </summary>
    public static async Task<(T Value, TimeSpan Elapsed)> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var began = watch.Elapsed;
            var value = await read();
            if (done(value)) return (value, began);
            if (watch.Elapsed > within) return (value, watch.Elapsed);
            await Task.Delay(20);
        }
    }
}
