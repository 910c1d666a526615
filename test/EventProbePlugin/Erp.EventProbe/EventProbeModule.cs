using System.ComponentModel.DataAnnotations;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Jobs;
using Erp.Kernel.Messaging;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.EventProbe;

[DependsOn("Erp.Messaging")]
public sealed class EventProbeModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddDbContext<ProbeDbContext>()
            .AddIntegrationEventHandler<ProbeIntegrationEvent, FirstProbeHandler>()
            .AddIntegrationEventHandler<ProbeIntegrationEvent, SecondProbeHandler>()
            // Every two seconds (tests count the runs); and one that only fails, run on demand through the admin API.
            .AddRecurringJob<ProbeTick>("Probe.Tick", module.Configuration["Probe:TickCron"] ?? "*/2 * * * * *")
            .AddRecurringJob<ProbeAlwaysFails>("Probe.AlwaysFails", "0 0 1 1 *");
        module.Services.AddValidation();
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        var probe = api.MapGroup("/api/probe").RequireSignedIn();
        probe.MapPost("/events", PublishAsync);
        probe.MapGet("/effects/{probeId:guid}", EffectsAsync);
    }

    /// <summary>
    /// Publishes one event in a transaction that commits, or that is rolled back after the event was saved, or
    /// fails before anything is saved (the event stays published on the context, which goes back to the pool).
    /// </summary>
    private static async Task<NoContent> PublishAsync(PublishProbeRequest body, ProbeDbContext db, CancellationToken ct)
    {
        if (body.FailBeforeSaving)
        {
            db.Publish(new ProbeIntegrationEvent(body.ProbeId, body.Behaviour));
            throw new BusinessRuleException("probe.failed");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Publish(new ProbeIntegrationEvent(body.ProbeId, body.Behaviour));
        await db.SaveChangesAsync(ct);
        if (body.RollBack) throw new BusinessRuleException("probe.rolled-back");
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Dictionary<string, int>>> EffectsAsync(Guid probeId, ProbeDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Effects.Where(e => e.ProbeId == probeId).GroupBy(e => e.Handler)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), ct));
}

public sealed record PublishProbeRequest(Guid ProbeId, [Required] string Behaviour, bool RollBack = false, bool FailBeforeSaving = false);

/// <param name="Behaviour"><c>ok</c>, or <c>fail</c>: the first handler always throws.</param>
public sealed record ProbeIntegrationEvent(Guid ProbeId, string Behaviour) : IIntegrationEvent;

/// <summary>Records each delivery; no unique key, so a second delivery of one event would show as a second row.</summary>
public sealed class ProbeEffect
{
    public long Id { get; private set; }
    public Guid ProbeId { get; init; }
    public Guid EventId { get; init; }
    public string Handler { get; init; } = "";

    /// <summary>The company the delivery said it ran in, and the one the handler's <see cref="ICurrentCompany"/> read.</summary>
    public Guid? DeliveredIn { get; init; }
    public Guid? HandlerCompany { get; init; }
}

internal sealed class FirstProbeHandler(ProbeDbContext db, IConfiguration configuration) : IIntegrationEventHandler<ProbeIntegrationEvent>
{
    public async Task HandleAsync(ProbeIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        db.Effects.Add(new ProbeEffect { ProbeId = integrationEvent.ProbeId, EventId = context.EventId, Handler = "first" });
        await db.SaveChangesAsync(cancellationToken);
        // Probe:HoldSeconds keeps the delivery open after its effect is saved: long enough to kill the host mid-delivery.
        if (configuration.GetValue<int>("Probe:HoldSeconds") is > 0 and var hold) await Task.Delay(TimeSpan.FromSeconds(hold), cancellationToken);
        // Thrown after the effect was saved: the delivery's rollback must undo it.
        if (integrationEvent.Behaviour == "fail") throw new InvalidOperationException($"probe handler failed on attempt {context.Attempt}");
    }
}

internal sealed class SecondProbeHandler(ProbeDbContext db, ICurrentCompany company) : IIntegrationEventHandler<ProbeIntegrationEvent>
{
    public async Task HandleAsync(ProbeIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        db.Effects.Add(new ProbeEffect
        {
            ProbeId = integrationEvent.ProbeId, EventId = context.EventId, Handler = "second",
            DeliveredIn = context.CompanyId, HandlerCompany = company.IsUnrestricted ? null : company.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Records each run with the instance that ran it.</summary>
public sealed class ProbeTickRun
{
    public long Id { get; private set; }
    public DateTimeOffset RanAt { get; init; }
    public string Instance { get; init; } = "";
}

internal sealed class ProbeTick(ProbeDbContext db, TimeProvider clock) : IRecurringJob
{
    // Each host loads the plugin into its own load context, so this differs between two hosts in one process.
    private static readonly string Instance = Guid.NewGuid().ToString("N")[..8];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        db.TickRuns.Add(new ProbeTickRun { RanAt = clock.GetUtcNow(), Instance = Instance });
        await db.SaveChangesAsync(cancellationToken);
    }
}

internal sealed class ProbeAlwaysFails : IRecurringJob
{
    public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("probe job failed on purpose");
}

public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : ModuleDbContext<ProbeDbContext>(options), IModuleDbContext
{
    public static string Schema => "probe";

    public DbSet<ProbeEffect> Effects => Set<ProbeEffect>();
    public DbSet<ProbeTickRun> TickRuns => Set<ProbeTickRun>();
}

internal sealed class ProbeDbContextFactory : ModuleDbContextFactory<ProbeDbContext>;
