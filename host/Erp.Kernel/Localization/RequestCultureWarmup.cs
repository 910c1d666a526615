using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Erp.Kernel.Localization;

/// <summary>
/// Once the host has started, does what its first request would otherwise do before anything else: loads the translations
/// and reads the installation's default language, which builds the settings' EF Core model and query (0.6 s on two
/// cores, test/Erp.Benchmarks/startup.sh). Probes skip the request culture, so a new instance reports ready without
/// this work; it runs while the load balancer takes the instance in rather than in its first caller's request.
/// </summary>
internal sealed class RequestCultureWarmup(IHostApplicationLifetime lifetime, IServiceScopeFactory scopes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(WarmAsync));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<TranslationCatalog>();
            await RequestCulture.DefaultAsync(scope.ServiceProvider, catalog, lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopped before it finished, or something the first request meets again, where it is handled and logged:
            // nothing waits for the warm-up.
        }
    }
}
