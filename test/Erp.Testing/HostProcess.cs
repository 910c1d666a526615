using System.Diagnostics;

namespace Erp.Testing;

/// <summary>
/// The host as its own process (the test binaries include Erp.Host.dll), configured like an <see cref="ErpHost"/>:
/// for what only a real process shows, such as being killed mid-work.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    internal HostProcess(string environment, IReadOnlyDictionary<string, string?> settings, int? port = null)
    {
        Port = port ?? PostgresServer.FreePort();
        _process = Process.Start(StartInfo(environment, settings, ["--urls", $"http://127.0.0.1:{Port}"]))!;
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text) _output.Enqueue(text);
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The lines the process wrote to stdout so far (its log, in Production one JSON object per line).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>
    /// Runs a command of the host (<c>migrate</c>, <c>token</c>) to its end, with <paramref name="input"/> on its standard
    /// input: its exit code, what it wrote to stdout, and that followed by what it wrote to stderr.
    /// </summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(string environment, IReadOnlyDictionary<string, string?> settings, string[] args, string input = "")
    {
        using var process = Process.Start(StartInfo(environment, settings, args))!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static ProcessStartInfo StartInfo(string environment, IReadOnlyDictionary<string, string?> settings, string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Erp.Host.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return start;
    }

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

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does before replacing it.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to end; its exit code, or null when it has not ended within <paramref name="within"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { return null; }
        return _process.ExitCode;
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
