using System.Globalization;

namespace Erp.Testing;

/// <summary>
/// nginx on loopback in front of host processes, with etc/nginx/erp.conf's own rules (etc/local/nginx.sh): the load
/// balancer of the multi-instance drills. Dispose to stop it.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "erp-nginx-" + Guid.NewGuid().ToString("N"));

    public NginxProxy(params int[] upstreams)
    {
        Port = PostgresServer.FreePort();
        LocalScript.Run("nginx.sh", new Dictionary<string, string>(),
            ["start", _folder, Port.ToString(CultureInfo.InvariantCulture), .. upstreams.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public void Dispose()
    {
        LocalScript.Run("nginx.sh", new Dictionary<string, string>(), "stop", _folder);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
