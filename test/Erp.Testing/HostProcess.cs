using System.Diagnostics;

namespace Erp.Testing;

/// <summary>
/// The host as its own process (the test binaries include Erp.Host.dll), configured like an <see cref="ErpHost"/>:
/// for what only a real process shows, such as being killed mid-work.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;

    internal HostProcess(string environment, IReadOnlyDictionary<string, string?> settings)
    {
        Port = PostgresServer.FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Erp.Host.dll"), "--urls", $"http://127.0.0.1:{Port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>Waits until the process answers its liveness probe.</summary>
    public async Task WaitUntilLiveAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        var (live, _) = await Eventually.ValueAsync(async () =>
        {
            try { return (await http.GetAsync("/health/live")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ok => ok || _process.HasExited, within);
        if (!live) throw new InvalidOperationException($"The host process did not come up (exited: {_process.HasExited}).");
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
