using Cronos;
using Erp.Emailing;
using Erp.Kernel.Data;
using Erp.Kernel.Jobs;
using Erp.Kernel.Localization;
using Erp.Kernel.Messaging;
using Erp.Kernel.Security;
using Erp.LowCode.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Erp.LowCode.Application;

/// <summary>
/// Runs an automation for a record, in the record's company and in the delivery's transaction: its actions (the records
/// they write, the mails and webhook calls they enqueue) commit with the delivery, or are retried with it. An automation
/// deleted or switched off since it was triggered does nothing.
/// </summary>
internal sealed class RunAutomation(
    EntityModels models, ExtensionModels extensions, AutomationScopes scopes, CatalogStringLocalizer texts, ILogger<RunAutomation> logger)
    : IIntegrationEventHandler<AutomationTriggeredIntegrationEvent>
{
    public async Task HandleAsync(AutomationTriggeredIntegrationEvent due, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await models.GetAsync(due.Entity, cancellationToken) is { } model)
        {
            if (model.Automation(due.Automation) is not { } automation) return;
            await using var scope = scopes.In(due.CompanyId);
            await scope.Data.RunAsync(model, automation, due.RecordId, due.Depth + 1, texts, logger, cancellationToken);
        }
        else if (await extensions.GetAsync(due.Entity, cancellationToken) is { } extension && extension.Automation(due.Automation) is { } automation)
        {
            // A row of a module's or plugin's entity that entered a state of its extension's workflow.
            await using var scope = scopes.In(due.CompanyId);
            await scope.Data.RunAsync(extension, automation, due.RecordId, due.CompanyId, null, due.Depth + 1, texts, logger, cancellationToken);
        }
    }
}

/// <summary>
/// What an event of a module's or plugin's row triggers (<see cref="RecordEventDefinition"/>): the automations of the entity's
/// extension that name the event, run in the event's delivery, in the row's company. The event is their <c>event</c>.
/// </summary>
internal sealed class RecordEventAutomations(ExtensionModels extensions, AutomationScopes scopes, CatalogStringLocalizer texts, ILogger<RecordEventAutomations> logger)
    : IRecordEventAutomations
{
    public async Task OccurredAsync(RecordEventOccurrence occurrence, CancellationToken cancellationToken)
    {
        var extension = await extensions.GetAsync(occurrence.Entity, cancellationToken);
        var due = extension?.Automations.Where(a => a.Trigger.Kind == AutomationTriggerKind.Event && a.Trigger.Event == occurrence.Event).ToList() ?? [];
        foreach (var automation in due)
        {
            await using var scope = scopes.In(occurrence.CompanyId);
            await scope.Data.RunAsync(extension!, automation, occurrence.RecordId, occurrence.CompanyId, occurrence.Data, 0, texts, logger, cancellationToken);
        }
    }
}

/// <summary>
/// A scope for running automations in the delivery's transaction and in a record's company: the delivery's scope works in
/// the company the event was published from, the record's may be another.
/// </summary>
internal sealed class AutomationScopes(IServiceScopeFactory scopes, UnitOfWork delivery)
{
    public AutomationScope In(Guid companyId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UnitOfWork>().Use(delivery.Connection!, delivery.Transaction!);
        scope.ServiceProvider.GetRequiredService<CompanyWork>().RunIn(companyId);
        return new AutomationScope(scope);
    }
}

internal sealed class AutomationScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public DataService Data => scope.ServiceProvider.GetRequiredService<DataService>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>
/// Every minute: each scheduled automation whose time has come since its last run enqueues a job per record it acts on,
/// together with the record of this run, so a time runs once (the job runs on one instance at a time).
/// </summary>
internal sealed class RunScheduledAutomations(LowCodeDbContext db, EntityModels models, DataService data, TimeProvider clock) : IRecurringJob
{
    public const string Id = "LowCode.ScheduledAutomations";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var names = await db.Entities.AsNoTracking().OrderBy(e => e.Name).Select(e => e.Name).ToListAsync(cancellationToken);
        var runs = await db.AutomationSchedules.ToListAsync(cancellationToken);
        await db.InTransactionAsync(async () =>
        {
            foreach (var name in names)
            {
                var model = await models.GetAsync(name, cancellationToken);
                foreach (var automation in model?.Automations.Where(a => a.Trigger.Kind == AutomationTriggerKind.Schedule) ?? [])
                {
                    var run = runs.FirstOrDefault(r => r.Entity == name && r.Automation == automation.Name);
                    if (run is null)
                    {
                        db.AutomationSchedules.Add(AutomationSchedule.Seen(name, automation.Name, now));
                        continue;
                    }

                    var next = CronExpression.Parse(automation.Trigger.Cron!, CronFormat.Standard).GetNextOccurrence(run.LastRunAt.UtcDateTime, TimeZoneInfo.Utc);
                    if (next is null || next > now.UtcDateTime) continue;
                    await data.EnqueueScheduledAsync(model!, automation, cancellationToken);
                    run.Ran(now);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }
}

/// <summary>The mail an automation sends: its subject and body, rendered from the automation's templates, in the installation's layout.</summary>
internal static class AutomationMail
{
    public static EmailTemplateDefinition Template { get; } = new("LowCode.Automation", "{{ subject }}", "{{ body }}",
        """<div style="white-space:pre-wrap">{{ body }}</div>""",
        new Dictionary<string, string> { ["subject"] = "Order INV-2026-00042 approved", ["body"] = "The order INV-2026-00042 for ACME was approved." });
}
