using Erp.Kernel.Domain;
using Hangfire;
using Hangfire.Storage;

namespace Erp.BackgroundJobs.Application;

/// <summary>The admin use cases over Hangfire's store: recurring jobs, failed runs, and running a recurring job now.</summary>
internal sealed class JobService(JobStorage storage, IRecurringJobManagerV2 recurring, RecurringJobRegistry registry)
{
    public IReadOnlyList<RecurringJobDto> Recurring()
    {
        using var connection = storage.GetConnection();
        return [.. connection.GetRecurringJobs().Where(j => registry.Jobs.ContainsKey(j.Id)).OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => new RecurringJobDto(j.Id, j.Cron, j.LastExecution, j.LastJobState, j.NextExecution, j.Error))];
    }

    public IReadOnlyList<FailedJobDto> Failed(int skip, int take)
    {
        using var connection = storage.GetConnection();
        return [.. storage.GetMonitoringApi().FailedJobs(skip, take).Select(job => new FailedJobDto(job.Key,
            connection.GetJobParameter(job.Key, "RecurringJobId")?.Trim('"'), job.Value.FailedAt, job.Value.ExceptionType, job.Value.ExceptionMessage))];
    }

    /// <summary>
    /// Hangfire's own counters (one round trip in its PostgreSQL storage): the storage's schema is Hangfire's to change,
    /// so it is read through its monitoring API, never by SQL of ours.
    /// </summary>
    public JobStatisticsDto Statistics()
    {
        var counts = storage.GetMonitoringApi().GetStatistics();
        return new JobStatisticsDto(counts.Enqueued, counts.Scheduled, counts.Processing, counts.Succeeded, counts.Failed, counts.Deleted, counts.Recurring,
            counts.Servers);
    }

    public void Trigger(string id)
    {
        if (!registry.Jobs.TryGetValue(id, out var job))
            throw new NotFoundException(BackgroundJobsErrors.RecurringJobNotFound, id);
        // Hangfire drops the run of a job its store does not hold yet, and the job server stores the schedules only when it
        // starts (StartDelay after the host, once the database is migrated): stored here first, as the server would.
        if (recurring.TriggerJob(id) is not null) return;
        RecurringJobRegistry.Schedule(recurring, job);
        recurring.TriggerJob(id);
    }
}
