using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace Erp.Testing;

/// <summary>
/// A webhook's far end on 127.0.0.1: takes every request, keeps what it received, and answers with the status codes it is
/// given in turn (the last one from then on).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly Queue<HttpStatusCode> _answers;
    private readonly Task _loop;

    public WebhookReceiver(params HttpStatusCode[] answers)
    {
        _answers = new Queue<HttpStatusCode>(answers.Length == 0 ? [HttpStatusCode.OK] : answers);
        Port = PostgresServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>One request as it arrived.</summary>
    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body, HttpStatusCode Answered)
    {
        /// <summary>What a receiver checks: the HMAC of "t.body" with the secret, and a time within its replay window (5 minutes here).</summary>
        public bool IsSignedWith(string secret)
        {
            var parts = Headers["Erp-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var sentAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture));
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{Body}")));
            return (DateTimeOffset.UtcNow - sentAt).Duration() < TimeSpan.FromMinutes(5)
                   && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts["v1"]));
        }
    }

    /// <summary>The next request received, waiting up to <paramref name="timeout"/> (10 s).</summary>
    public async Task<Received> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(wait.Token);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            HttpStatusCode answer;
            lock (_answers) answer = _answers.Count > 1 ? _answers.Dequeue() : _answers.Peek();
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
            await _received.Writer.WriteAsync(new Received(headers, body, answer));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
