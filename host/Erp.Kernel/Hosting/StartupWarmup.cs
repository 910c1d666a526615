using Erp.Kernel.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Erp.Kernel.Hosting;

/// <summary>
/// Work a new instance's first requests would otherwise do before anything else (building a context's EF Core model,
/// loading keys), done in the background once the modules have started and the database is migrated
/// (<see cref="SchemaState"/>), on the core the rest of the start-up leaves free. The instance reports ready without
/// waiting for it (test/Erp.Benchmarks/startup.sh measures both).
/// </summary>
public static class StartupWarmups
{
    public static IServiceCollection AddStartupWarmup(this IServiceCollection services, Func<IServiceProvider, CancellationToken, Task> warm)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupWarmupRunner>());
        return services.AddSingleton(new StartupWarmup(warm));
    }

    /// <summary>
    /// A warm-up instead of a library's hosted service that does the same work before the host serves (data protection
    /// loading its key ring). <paramref name="replaced"/> picks that service's registration, which
    /// <see cref="RemoveReplacedHostedServices"/> removes once every registration is in: libraries register theirs again
    /// whenever they are added (<c>AddAntiforgery</c> and <c>AddAuthentication</c> add data protection's).
    /// </summary>
    public static IServiceCollection AddStartupWarmup(this IServiceCollection services, Func<IServiceProvider, CancellationToken, Task> warm,
        Func<ServiceDescriptor, bool> replaced) =>
        services.AddSingleton(new ReplacedHostedService(replaced)).AddStartupWarmup(warm);

    /// <summary>Removes the hosted services warm-ups replace: the host's last registration.</summary>
    public static void RemoveReplacedHostedServices(this IServiceCollection services)
    {
        var replaced = services.Where(d => d.ServiceType == typeof(ReplacedHostedService)).Select(d => (ReplacedHostedService)d.ImplementationInstance!).ToList();
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && replaced.Any(r => r.Picks(d))).ToList())
            services.Remove(hosted);
    }
}

internal sealed record ReplacedHostedService(Func<ServiceDescriptor, bool> Picks);

internal sealed record StartupWarmup(Func<IServiceProvider, CancellationToken, Task> Warm);

internal sealed class StartupWarmupRunner(
    IEnumerable<StartupWarmup> warmups,
    SchemaState schemas,
    IHostApplicationLifetime lifetime,
    IServiceScopeFactory scopes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            // The modules' tables exist once start-up (and its migrations) is done, and the database is migrated: an
            // instance started before `migrate` would only meet missing tables.
            await schemas.WhenCurrentAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return; // stopped first
        }

        await Task.WhenAll(warmups.Select(warmup => Task.Run(() => WarmAsync(warmup, stopping), CancellationToken.None)));
    }

    private async Task WarmAsync(StartupWarmup warmup, CancellationToken stopping)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await warmup.Warm(scope.ServiceProvider, stopping);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stopped before it finished, or something the first request meets again, where it is handled and logged:
            // nothing waits for a warm-up.
        }
    }
}
