using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Erp.Kernel.Hosting;

/// <summary>
/// Start-up and shutdown of the modules: applies migrations when <c>Database:MigrateOnStart</c> is set, then
/// initializes modules in dependency order; at graceful shutdown, shuts them down in reverse. A plugin that
/// fails is marked failed; an unreachable database leaves the host running with <c>/health/startup</c> failing.
/// </summary>
internal sealed class ModuleLifecycleService(
    ModuleCatalog catalog,
    PluginRegistry plugins,
    DatabaseMigrator migrator,
    StartupState state,
    IServiceProvider services,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<ModuleLifecycleService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (configuration.GetValue<bool>("Database:MigrateOnStart"))
            {
                if (!environment.IsDevelopment())
                    logger.LogWarning("Database:MigrateOnStart is set outside Development: applying migrations at start-up");
                await migrator.MigrateAsync(includeDemoData: false, message => logger.LogInformation("{Migration}", message), cancellationToken);
            }

            foreach (var module in catalog.Modules.Where(m => plugins.IsAvailable(m.Id)))
                await InitializeAsync(module, cancellationToken);
            state.Started();
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            logger.LogError(e, "Start-up could not reach the database; /health/startup reports it");
            state.Failed($"database unreachable: {e.GetBaseException().Message}");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var module in catalog.Modules.Reverse().Where(m => plugins.IsAvailable(m.Id)))
        {
            try
            {
                await module.Module.ShutdownAsync(services, cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Module {ModuleId} failed to shut down cleanly", module.Id);
            }
        }
    }

    private async Task InitializeAsync(ModuleDescriptor module, CancellationToken cancellationToken)
    {
        try
        {
            await module.Module.InitializeAsync(services, cancellationToken);
        }
        catch (Exception e) when (module.IsPlugin && !DatabaseFailures.IsUnavailable(e) && e is not OperationCanceledException)
        {
            var reason = $"InitializeAsync threw: {e.GetBaseException().Message}";
            logger.LogError(e, "Plugin {PluginId} failed: {Reason}", module.Id, reason);
            plugins.Failed(module.Id, reason);
        }
    }
}

/// <summary>Whether module start-up has finished (migrations applied, modules initialized), for the start-up health check and
/// for background work that needs the modules' tables.</summary>
public sealed class StartupState
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _failure;

    public bool HasStarted => _started.Task.IsCompleted;
    public string? Failure => _failure;

    /// <summary>Completes when module start-up has finished; never, when it failed.</summary>
    public Task WhenStarted => _started.Task;

    internal void Started() => _started.TrySetResult();
    internal void Failed(string reason) => _failure = reason;
}
