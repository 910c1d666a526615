using Hangfire;
using Hangfire.Common;

namespace Erp.BackgroundJobs.Application;

/// <summary>
/// The filters every job runs with, per host rather than Hangfire's process-wide defaults: retries as configured
/// (<see cref="BackgroundJobsOptions.RetryAttempts"/>), then the failed state; plus the statistics and continuation
/// support Hangfire has by default.
/// </summary>
internal static class JobFilters
{
    public static JobFilterCollection Create(BackgroundJobsOptions options)
    {
        var filters = new JobFilterCollection();
        filters.Add(new AutomaticRetryAttribute
        {
            Attempts = options.RetryAttempts,
            DelaysInSeconds = options.RetryDelays,
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
        filters.Add(new StatisticsHistoryAttribute());
        filters.Add(new ContinuationsSupportAttribute());
        return filters;
    }
}
