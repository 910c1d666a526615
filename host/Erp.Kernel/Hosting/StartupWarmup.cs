using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Erp.Kernel.Hosting;

/// <summary>
/// Work a new instance's first requests would otherwise do before anything else (building a context's EF Core model,
/// loading keys), done in the background once the modules have started, on the core the rest of the start-up leaves
/// free. The instance reports ready without waiting for it (test/Erp.Benchmarks/startup.sh measures both).
/// </summary>
public static class StartupWarmups
{
    public static IServiceCollection AddStartupWarmup(this IServiceCollection services, Func<IServiceProvider, CancellationToken, Task> warm) =>
        services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<StartupWarmup>(provider, warm));
}

internal sealed class StartupWarmup(
    Func<IServiceProvider, CancellationToken, Task> warm, StartupState startup, IHostApplicationLifetime lifetime, IServiceScopeFactory scopes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(WarmAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync()
    {
        try
        {
            // The modules' tables exist once start-up (and its migrations) is done.
            await startup.WhenStarted.WaitAsync(lifetime.ApplicationStopping);
            await using var scope = scopes.CreateAsyncScope();
            await warm(scope.ServiceProvider, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopped before it finished, or something the first request meets again, where it is handled and logged:
            // nothing waits for a warm-up.
        }
    }
}
