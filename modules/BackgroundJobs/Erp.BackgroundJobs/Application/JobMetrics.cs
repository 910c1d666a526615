using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Erp.BackgroundJobs.Application;

/// <summary>
/// The job store's counts, measured when metrics are read (a scrape), through Hangfire's monitoring API (a round trip
/// each): jobs enqueued (the queue an alert watches), scheduled, processing, and failed after their last attempt; and the
/// job servers, the instances that run jobs (none while every instance has <c>BackgroundJobs:WorkerCount</c> 0, an alert
/// says). The store is opened at the first scrape, not at start-up (<see cref="LaterStartedJobServer"/> says why).
/// </summary>
internal sealed class JobMetrics(IMeterFactory meters, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create("Erp.BackgroundJobs");
        meter.CreateObservableGauge("erp.jobs.count", Counts, "{job}", "Background jobs by state: enqueued, scheduled, processing, failed.");
        meter.CreateObservableGauge("erp.jobs.servers", Servers, "{server}", "Job servers: the instances that run background jobs.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Counts()
    {
        if (Read(api => api.GetStatistics()) is not { } counts) return [];
        return [State(counts.Enqueued, "enqueued"), State(counts.Scheduled, "scheduled"), State(counts.Processing, "processing"), State(counts.Failed, "failed")];

        static Measurement<long> State(long count, string state) => new(count, new KeyValuePair<string, object?>("state", state));
    }

    private IEnumerable<Measurement<long>> Servers() => Read(api => api.Servers()) is { } servers ? [new(servers.Count)] : [];

    private T? Read<T>(Func<IMonitoringApi, T> read) where T : class
    {
        try
        {
            return read(services.GetRequiredService<JobStorage>().GetMonitoringApi());
        }
        catch (Npgsql.NpgsqlException)
        {
            return null; // the store out of reach: no value this time, rather than a scrape that fails as a whole
        }
    }
}
