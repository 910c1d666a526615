using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Erp.Testing;

/// <summary>
/// A small HTTP server on loopback standing in for a service the host calls out to (Sentry's envelope endpoint, an
/// OpenTelemetry collector): the test maps the routes it receives on, and points the host at <see cref="Origin"/>.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInServer(WebApplication app, int port) => (_app, Port) = (app, port);

    public int Port { get; }

    /// <summary>Where it listens: <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Origin => $"http://127.0.0.1:{Port}";

    public static async Task<StandInServer> StartAsync(Action<WebApplication> routes, CancellationToken cancellationToken)
    {
        var port = PostgresServer.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        // Its own request logs (every 100 ms from a telemetry exporter) would bury the test run's output; problems still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        routes(app);
        await app.StartAsync(cancellationToken);
        return new StandInServer(app, port);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
