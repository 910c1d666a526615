namespace Erp.BackgroundJobs.Application;

/// <summary><c>BackgroundJobs:*</c>: how many jobs an instance runs at once, and how often it looks for due work.</summary>
public sealed class BackgroundJobsOptions
{
    public const string Section = "BackgroundJobs";

    /// <summary>
    /// How many jobs this instance runs at once. 0: it runs none and schedules no recurring jobs, but enqueues jobs and
    /// serves the admin API as every instance does: request-serving instances beside dedicated job instances, which
    /// keeps jobs' CPU off the request path and the job server's threads, connections and memory off those instances.
    /// </summary>
    public int WorkerCount { get; set; } = 4;

    public bool RunsJobs => WorkerCount > 0;

    /// <summary>After the instance has started, how long before it runs jobs: its first requests come first.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often due recurring occurrences are enqueued (Hangfire checks across instances under a lock).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an idle worker looks at the queue.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries of a failed run before it stays failed.</summary>
    public int RetryAttempts { get; set; } = 5;

    /// <summary>Wait before each retry, growing: 1 min, 5 min, 15 min, 1 h, 6 h when not set. (No default value here:
    /// configuration binding appends to an array it finds.)</summary>
    public int[]? RetryDelaysInSeconds { get; set; }

    public int[] RetryDelays => RetryDelaysInSeconds is { Length: > 0 } configured ? configured : [60, 300, 900, 3600, 21600];

    /// <summary>On a graceful stop, how long running jobs get to finish before they are cancelled and requeued.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
