using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Erp.Testing;

/// <summary>
/// The Redis server tests run against: the one named by <c>ERP_TEST_REDIS</c> (<c>host:port</c>), else a
/// throwaway <c>redis-server</c> this process starts and stops when it exits. Hosts keep their keys apart by
/// prefix, so one server serves every test.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>StackExchange.Redis configuration of the shared test server.</summary>
    public static string Configuration => Server.Value;

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("ERP_TEST_REDIS") is { Length: > 0 } given) return given;
        var server = new RedisProcess();
        server.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.Configuration;
    }
}

/// <summary>A <c>redis-server</c> of a test's own, which it may stop and start again on the same port.</summary>
public sealed class RedisProcess : IDisposable
{
    private Process? _process;

    public int Port { get; } = PostgresServer.FreePort();

    public string Configuration => $"127.0.0.1:{Port}";

    public void Start()
    {
        if (_process is { HasExited: false }) return;
        var start = new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server (test/run-all.sh does).", e);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntil(answers: true);
    }

    /// <summary>Kills the server (as a crash would) and waits until its port is closed.</summary>
    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
        WaitUntil(answers: false);
    }

    public void Dispose() => Stop();

    private void WaitUntil(bool answers)
    {
        var deadline = Stopwatch.StartNew();
        while (Pings() != answers)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"redis-server on port {Port} did not {(answers ? "start" : "stop")} within 10 s.");
            Thread.Sleep(50);
        }
    }

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
