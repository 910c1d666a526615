using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Erp.BackgroundJobs.Application;

/// <summary>
/// Hangfire's processing server (its hosted service), started <see cref="BackgroundJobsOptions.StartDelay"/> after the host
/// has started: a new instance's workers, schedulers and their first queries would otherwise take the CPU its first
/// requests need, while other instances go on running the jobs (test/Erp.Benchmarks/startup.sh measures it). Stopped as
/// Hangfire stops it (running jobs back to the queue); a host stopped before the delay never starts it.
/// </summary>
internal sealed class LaterStartedJobServer(IHostedService server, IHostApplicationLifetime lifetime, IOptions<BackgroundJobsOptions> options)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _starting = StartLaterAsync());
        return Task.CompletedTask;
    }

    private async Task StartLaterAsync()
    {
        try
        {
            await Task.Delay(options.Value.StartDelay, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // The host has started already: Hangfire's service creates its server at once.
        await server.StartAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting;
        await server.StopAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        (server as IDisposable)?.Dispose();
    }
}
