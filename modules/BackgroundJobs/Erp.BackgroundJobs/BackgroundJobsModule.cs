using Erp.BackgroundJobs.Application;
using Erp.BackgroundJobs.Http;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Hangfire;
using Hangfire.Common;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Erp.BackgroundJobs;

/// <summary>
/// Background jobs on Hangfire with its PostgreSQL storage (schema <c>jobs</c>): the recurring jobs modules and
/// plugins register run once per occurrence across instances, retry with back-off, end failed where the admin API
/// shows them, and are handed back to the queue on a graceful stop.
/// </summary>
public sealed class BackgroundJobsModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(BackgroundJobsJsonContext.Default);
        var options = module.Configuration.GetSection(BackgroundJobsOptions.Section).Get<BackgroundJobsOptions>() ?? new BackgroundJobsOptions();
        module.Services.AddOptions<BackgroundJobsOptions>().BindConfiguration(BackgroundJobsOptions.Section);
        module.Services.AddSingleton<RecurringJobRegistry>().AddTransient<RecurringJobRunner>().AddScoped<JobService>().AddHostedService<JobMetrics>();

        // This host's own storage and activator, registered before AddHangfire so its static defaults (one per process)
        // never serve them: several hosts in one process (tests) each keep their database and their services.
        module.Services.AddKeyedSingleton(JobStoreConnections.Name, (provider, _) => JobStoreConnections.DataSource(provider.GetRequiredService<IConfiguration>()));
        module.Services.AddSingleton<JobStorage>(provider => Storage(provider.GetRequiredKeyedService<NpgsqlDataSource>(JobStoreConnections.Name), options));
        module.Services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        module.Services.AddSingleton<IJobFilterProvider>(provider => JobFilters.Create(provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value));
        module.Services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        if (options.RunsJobs) AddJobServer(module.Services);
        else if (options.WorkerCount < 0)
            throw new InvalidOperationException($"{BackgroundJobsOptions.Section}:{nameof(BackgroundJobsOptions.WorkerCount)} is {options.WorkerCount}: "
                + "set how many jobs this instance runs at once, or 0 for an instance that runs none.");
        module.Services.AddValidation();

        foreach (var permission in BackgroundJobsPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Background jobs", "/admin/background-jobs", BackgroundJobsPermissions.Jobs, Order: 70));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Background jobs", "Recurring jobs, failed runs, and running a recurring job now."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapJobEndpoints();

    /// <summary>Hangfire's own server service, made as AddHangfireServer makes it, started later (LaterStartedJobServer).</summary>
    private static void AddJobServer(IServiceCollection services)
    {
        var hangfireServer = new ServiceCollection().AddHangfireServer((provider, server) =>
        {
            var current = provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value;
            server.WorkerCount = current.WorkerCount;
            server.SchedulePollingInterval = current.SchedulePollingInterval;
            server.ShutdownTimeout = current.ShutdownTimeout;
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        }).Single(d => d.ServiceType == typeof(IHostedService)).ImplementationFactory!;
        services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<LaterStartedJobServer>(provider,
            () => (IHostedService)hangfireServer(provider)));
    }

    private static PostgreSqlStorage Storage(NpgsqlDataSource connections, BackgroundJobsOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "jobs",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.QueuePollInterval,
            // Start even while PostgreSQL is unreachable, as the rest of the host does (/health/startup reports it):
            // the schema is prepared on first use instead.
            StartupConnectionMaxRetries = 1,
            AllowDegradedModeWithoutStorage = true,
        };
        return new PostgreSqlStorage(new JobStoreConnections(connections), storageOptions);
    }
}
