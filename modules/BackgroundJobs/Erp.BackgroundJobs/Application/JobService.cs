using Erp.Kernel.Domain;
using Hangfire;
using Hangfire.Storage;

namespace Erp.BackgroundJobs.Application;

/// <summary>The admin use cases over Hangfire's store: recurring jobs, failed runs, and running a recurring job now.</summary>
internal sealed class JobService(JobStorage storage, IRecurringJobManager recurring, RecurringJobRegistry registry)
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

    public void Trigger(string id)
    {
        if (!registry.Jobs.ContainsKey(id))
            throw new NotFoundException(BackgroundJobsErrors.RecurringJobNotFound, id);
        recurring.Trigger(id);
    }
}
