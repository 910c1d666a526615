using Erp.Kernel.Diagnostics;
using Erp.Kernel.Jobs;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.BackgroundJobs.Application;

/// <summary>Every recurring job the running modules and plugins registered, by id.</summary>
public sealed class RecurringJobRegistry(ModuleCatalog catalog, PluginRegistry plugins)
{
    private readonly RunningModules<IReadOnlyDictionary<string, RecurringJobRegistration>> _jobs = new(catalog, plugins, modules => modules
        .SelectMany(m => m.RecurringJobs).GroupBy(j => j.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    public IReadOnlyDictionary<string, RecurringJobRegistration> Jobs => _jobs.Value;

    /// <summary>Stores <paramref name="job"/>'s schedule in Hangfire's store (idempotent: every instance does it as its job server starts).</summary>
    public static void Schedule(IRecurringJobManager manager, RecurringJobRegistration job)
    {
        var id = job.Id;
        manager.AddOrUpdate<RecurringJobRunner>(id, runner => runner.RunAsync(id, CancellationToken.None), job.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}

/// <summary>
/// The one job type Hangfire stores: it runs a registered job by id. Storing the id, not the module's own type,
/// keeps plugin types (loaded into their own load contexts, which Hangfire cannot name) out of the job store.
/// Retries and their delays come from <see cref="BackgroundJobsOptions"/> (<see cref="JobFilters"/>); after the last
/// attempt the run stays failed.
/// </summary>
public sealed class RecurringJobRunner(RecurringJobRegistry registry, IServiceScopeFactory scopes)
{
    // Hangfire passes its shutdown token for the CancellationToken: a graceful stop cancels the run, and Hangfire
    // puts the job back in its queue for the next server.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!registry.Jobs.TryGetValue(jobId, out var job))
            throw new InvalidOperationException($"No running module registers the recurring job '{jobId}'.");
        using var activity = ErpTelemetry.Source.StartActivity($"job {jobId}");
        await using var scope = scopes.CreateAsyncScope();
        await job.Run(scope.ServiceProvider, cancellationToken);
    }
}
