using System.Text.Json;
using Erp.Kernel.Data;
using Erp.Kernel.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Erp.Host.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every dependency answers (PostgreSQL and its read
/// replica here; modules add theirs with the <c>ready</c> tag); 503 while one is down. <c>/health/startup</c>: modules started
/// and every migration applied.
/// </summary>
internal static class HealthChecks
{
    public static void AddErpHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ShutdownDrain>().AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddHealthChecks()
            .AddNpgSql(name: "postgresql", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<ShutdownDrain>("shutdown", tags: [HealthTags.Ready])
            .AddCheck<MigrationsAppliedCheck>("migrations", tags: [HealthTags.Startup]);
        if (ReadReplica.IsConfigured(configuration))
            services.AddHealthChecks().AddCheck<ReadReplicaCheck>("postgresql-replica", tags: [HealthTags.Ready], timeout: TimeSpan.FromSeconds(3));
    }

    /// <summary>
    /// Probes answer as soon as routing has matched them (<c>ShortCircuit</c>): none of the middleware after routing
    /// (request culture, rate limits, authentication, companies, ...) has anything to say to a load balancer, and a new
    /// instance reports ready without first reading settings through EF Core (half a second of its start, measured by
    /// test/Erp.Benchmarks/startup.sh), which a start-up warm-up (<c>AddStartupWarmup</c>) does once the modules have started.
    /// </summary>
    public static void MapErpHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", Options(_ => false)).AllowAnonymous().ShortCircuit();
        endpoints.MapHealthChecks("/health/ready", Options(c => c.Tags.Contains(HealthTags.Ready))).AllowAnonymous().ShortCircuit();
        endpoints.MapHealthChecks("/health/startup", Options(c => c.Tags.Contains(HealthTags.Startup))).AllowAnonymous().ShortCircuit();
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) =>
        new() { Predicate = predicate, ResponseWriter = WriteJsonAsync };

    // Probes are anonymous: a description that came with an exception is the exception's text (hosts, ports, server
    // messages), which belongs in the log (the health check service logs it), not in the answer. Written without the
    // serializer: a new instance's first probe is on its way to ready, and reflection over an anonymous type cost ~10 ms.
    private static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Exception is null ? entry.Description : null);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}

/// <summary>
/// Healthy once modules have started and no module's schema is behind this build (as migrate recorded it: every migration
/// applied, row-level security state; no EF Core model is built, so a new instance is ready sooner); then stays healthy,
/// as <see cref="SchemaState"/> remembers, so later probes query nothing.
/// </summary>
internal sealed class MigrationsAppliedCheck(StartupState startup, SchemaState schemas) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (startup.Failure is not null) return HealthCheckResult.Unhealthy("start-up failed (the log says why)");
        if (!startup.HasStarted) return HealthCheckResult.Unhealthy("modules are starting");

        try
        {
            var outdated = await schemas.OutdatedAsync(cancellationToken);
            return outdated.Count > 0 ? HealthCheckResult.Unhealthy("run Erp.Host migrate: " + string.Join("; ", outdated)) : HealthCheckResult.Healthy();
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}

/// <summary>
/// The read replica (<see cref="ReadReplica"/>): healthy while a standby serves the replica's reads; degraded, not down, when
/// none answers (the reads that go there fail, or go to the primary when its connection string lists the primary last), or
/// when the server it reached is not a standby (every standby down, the primary serving): an instance still serves.
/// </summary>
internal sealed class ReadReplicaCheck([FromKeyedServices(ReadReplica.Key)] NpgsqlDataSource replica) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = replica.CreateCommand("SELECT pg_is_in_recovery()");
            return await command.ExecuteScalarAsync(cancellationToken) is true
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded("reads go to the primary: no standby answers");
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            return HealthCheckResult.Degraded("read replica unreachable", e);
        }
    }
}

/// <summary>
/// Stopping behind a load balancer without failing a request: on SIGTERM, <c>/health/ready</c> answers 503 at once while
/// the instance goes on serving for <c>Shutdown:DrainSeconds</c> (5 by default, 0 in Development), so the balancer takes
/// it out before it stops accepting; then Kestrel finishes the requests in flight and background jobs go back to the
/// queue for another instance (within <c>HostOptions:ShutdownTimeout</c>, 30 s by default).
/// </summary>
internal sealed class ShutdownDrain(IConfiguration configuration, IHostEnvironment environment, IHostApplicationLifetime lifetime)
    : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());

    // Before any hosted service stops (the web server among them): the instance still serves while it drains.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var seconds = configuration.GetValue("Shutdown:DrainSeconds", environment.IsDevelopment() ? 0 : 5);
        if (seconds > 0) await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
    }

    // Red from the moment the instance is asked to stop, also while its later services are still starting: the host calls
    // StoppingAsync only once all of them have started, which on a loaded machine came after the first probes (CI).
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _draining = true);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
