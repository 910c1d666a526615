using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Erp.Testing;

/// <summary>
/// A TCP relay in front of an SMTP server that can hold a message in flight: while <see cref="HoldData"/> is set, it passes
/// a session up to its <c>DATA</c> command and then swallows the message, so the sender waits for an answer that never
/// comes (and the server, when the sender goes away, discards the half-received message). For killing a host mid-send.
/// </summary>
public sealed class SmtpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _host;
    private readonly int _port;

    public SmtpProxy(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private volatile bool _holdData;

    /// <summary>Whether new sessions are held at <c>DATA</c>.</summary>
    public bool HoldData
    {
        get => _holdData;
        set => _holdData = value;
    }

    /// <summary>Completes when a held session has sent <c>DATA</c>: its message is now in flight.</summary>
    public TaskCompletionSource DataHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = RelayAsync(client, HoldData);
        }
    }

    private async Task RelayAsync(TcpClient client, bool hold)
    {
        using var _ = client;
        using var server = new TcpClient();
        await server.ConnectAsync(_host, _port);
        var (fromClient, toServer) = (client.GetStream(), server.GetStream());
        var down = toServer.CopyToAsync(fromClient); // the server's answers, as they come
        var buffer = new byte[64 * 1024];
        var held = false;
        try
        {
            int read;
            while ((read = await fromClient.ReadAsync(buffer)) > 0)
            {
                if (held) continue; // the message in flight goes nowhere
                var forward = read;
                if (hold && Encoding.ASCII.GetString(buffer, 0, read).IndexOf("DATA\r\n", StringComparison.OrdinalIgnoreCase) is >= 0 and var at)
                {
                    forward = at + "DATA\r\n".Length;
                    held = true;
                    DataHeld.TrySetResult();
                }

                await toServer.WriteAsync(buffer.AsMemory(0, forward));
            }
        }
        catch (IOException)
        {
            // The sender was killed.
        }

        server.Close(); // the server drops the unfinished message
        await Task.WhenAny(down, Task.Delay(1000));
    }
}
