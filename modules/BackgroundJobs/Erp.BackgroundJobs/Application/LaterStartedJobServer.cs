using Erp.Kernel.Data;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Erp.BackgroundJobs.Application;

/// <summary>
/// The instance's part in background jobs, begun <see cref="BackgroundJobsOptions.StartDelay"/> after the host has started
/// and once the database is migrated (<see cref="SchemaState"/>): it schedules every registered recurring job (idempotent:
/// every instance does it), then starts Hangfire's processing server (its hosted service). Until then nothing touches the
/// job store: opening it, preparing its schema and taking its locks, the workers, schedulers and their first queries would
/// take the CPU a new instance's start-up and first requests need, while other instances go on running the jobs
/// (test/Erp.Benchmarks/startup.sh measures it). Stopped as Hangfire stops it (running jobs back to the queue); a host
/// stopped before the delay never starts it.
/// </summary>
internal sealed class LaterStartedJobServer(
    Func<IHostedService> createServer,
    RecurringJobRegistry recurringJobs,
    SchemaState schemas,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<BackgroundJobsOptions> options,
    ILogger<LaterStartedJobServer> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stop = new();
    private Task _starting = Task.CompletedTask;
    private Task? _stopped;
    private IHostedService? _server;
    private int _disposed;

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
            // An instance started before `migrate` would run jobs against tables that do not exist yet, and fail them.
            await schemas.WhenCurrentAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        ScheduleRecurringJobs();
        // The host has started already: Hangfire's service creates its server at once.
        _server = createServer();
        await _server.StartAsync(_stopping.Token);
    }

    private void ScheduleRecurringJobs()
    {
        try
        {
            // Resolved here, not injected: the manager opens the job store.
            var manager = services.GetRequiredService<IRecurringJobManager>();
            foreach (var job in recurringJobs.Jobs.Values) RecurringJobRegistry.Schedule(manager, job);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The job store out of reach: the server below waits for it; the next instance to start schedules the jobs.
            logger.LogError(e, "Recurring jobs could not be scheduled");
        }
    }

    /// <summary>
    /// Stops once, whoever asks: a host can be stopped twice at once and disposed between the two (a test host's factory
    /// stops it while the program's own <c>RunAsync</c> stops and disposes it), and the later call finds it stopped.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stop) return _stopped ??= StopOnceAsync(cancellationToken);
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting;
        if (_server is not null) await _server.StopAsync(cancellationToken);
    }

    // Cancelled rather than disposed, as BackgroundService does: a stop that comes after the disposal still works.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        (_server as IDisposable)?.Dispose();
    }
}
