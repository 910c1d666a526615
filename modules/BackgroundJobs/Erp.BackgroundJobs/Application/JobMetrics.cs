using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Erp.BackgroundJobs.Application;

/// <summary>
/// The job store's counts, measured when metrics are read (a scrape), through Hangfire's monitoring API (one round trip):
/// jobs enqueued (the queue an alert watches), scheduled, processing, and failed after their last attempt. The store is
/// opened at the first scrape, not at start-up (<see cref="LaterStartedJobServer"/> says why).
/// </summary>
internal sealed class JobMetrics(IMeterFactory meters, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        meters.Create("Erp.BackgroundJobs").CreateObservableGauge("erp.jobs.count", Counts, "{job}", "Background jobs by state: enqueued, scheduled, processing, failed.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> Counts()
    {
        Hangfire.Storage.Monitoring.StatisticsDto counts;
        try
        {
            counts = services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
        }
        catch (Npgsql.NpgsqlException)
        {
            return []; // the store out of reach: no value this time, rather than a scrape that fails as a whole
        }

        return [State(counts.Enqueued, "enqueued"), State(counts.Scheduled, "scheduled"), State(counts.Processing, "processing"), State(counts.Failed, "failed")];

        static Measurement<long> State(long count, string state) => new(count, new KeyValuePair<string, object?>("state", state));
    }
}
