using Erp.Kernel;

namespace Erp.BackgroundJobs;

/// <summary>Seeing recurring and failed jobs, and starting a recurring job now.</summary>
public static class BackgroundJobsPermissions
{
    public const string Jobs = "BackgroundJobs.Jobs";
    public const string Trigger = "BackgroundJobs.Jobs.Trigger";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Jobs, "See background jobs"),
        new(Trigger, "Run a recurring job now", Jobs),
    ];
}

public static class BackgroundJobsErrors
{
    public const string RecurringJobNotFound = "background-jobs.recurring-job.not-found";
}

/// <summary>A recurring job as registered by its module, with its last and next run.</summary>
public sealed record RecurringJobDto(string Id, string Cron, DateTime? LastRunAt, string? LastState, DateTime? NextRunAt, string? Error);

/// <summary>A run that failed after its retries: kept until an administrator acts, with the exception.</summary>
public sealed record FailedJobDto(string JobId, string? RecurringJobId, DateTime? FailedAt, string? ExceptionType, string? ExceptionMessage);

/// <summary>How many jobs are in each state now; <paramref name="Succeeded"/> and <paramref name="Deleted"/> count every run since the store began.</summary>
/// <param name="Recurring">Recurring jobs registered.</param>
public sealed record JobStatisticsDto(long Enqueued, long Scheduled, long Processing, long Succeeded, long Failed, long Deleted, long Recurring, long Servers);
