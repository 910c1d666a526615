using System.Globalization;

namespace Erp.Testing;

/// <summary>ClamAV's daemon (through <c>etc/local/clamd.sh</c>) with the EICAR test signature, for the upload scanner.</summary>
public sealed class ClamdProcess : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"erp-test-clamd-{Environment.ProcessId}-{Guid.NewGuid():N}"[..36]);

    public ClamdProcess()
    {
        Port = PostgresServer.FreePort();
        LocalScript.Run("clamd.sh", new Dictionary<string, string>(), "start", _directory, Port.ToString(CultureInfo.InvariantCulture));
    }

    public int Port { get; }

    /// <summary>The 68 bytes every virus scanner reports as a test virus, and nothing else does.</summary>
    public static byte[] Eicar { get; } = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();

    public void Stop() => LocalScript.Run("clamd.sh", new Dictionary<string, string>(), "stop", _directory);

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
