using System.Globalization;
using System.Text.Json;
using Erp.Kernel.Domain;
using Erp.Kernel.Messaging;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Erp.Kernel.Data;

/// <summary>
/// Runs inside every module context's save, before anything is written: dispatches domain events to the
/// module's handlers (whose changes join the same save), writes the integration events published on the
/// context to the outbox, then stamps audit fields, turns deletes of soft-deletable entities into marks, and records
/// each changed entity for the audit log. So a save commits the aggregate, its handlers' work, its outgoing events,
/// its stamps and its audit records together, or nothing. (Module contexts refuse synchronous saves, so only the async hook is needed.)
/// </summary>
/// <remarks>
/// One instance serves every context (contexts are pooled, their options built once); what belongs to the request,
/// its user and its handlers, comes from the scope the context is leased to.
/// </remarks>
public sealed class ErpSaveChangesInterceptor(TimeProvider clock, IntegrationEventRegistry integrationEvents, IOptions<EntityChangeAuditOptions> auditing)
    : SaveChangesInterceptor
{
    // Handlers may raise further events; a chain longer than this is a loop, not a business process.
    private const int MaxDispatchRounds = 8;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context ?? throw new InvalidOperationException("Save without a context.");
        var scoped = context as IScopedModuleContext
            ?? throw new InvalidOperationException($"{context.GetType().Name} is not a module context.");
        // Changes are detected once per round of domain events, and not again for every walk over the entries below:
        // a scan compares every property of every tracked entity, and what follows changes entries through the change
        // tracker itself (states, property values, added rows), which it notes as they happen. EF Core scans once more
        // after the interceptors.
        var autoDetect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await DispatchDomainEventsAsync(context, scoped.ScopeServices, cancellationToken);
            WriteToOutbox(context, scoped);
            var caller = scoped.ScopeServices.GetRequiredService<ICurrentUser>();
            TouchAggregatesOfChangedParts(context);
            StampAndSoftDelete(context, caller);
            if (scoped.ScopeServices.GetService<ICurrentCompany>() is { IsUnrestricted: false } company) KeepToCompanies(context, company);
            if (auditing.Value.Enabled) EntityChangeAuditing.Capture(context, caller, clock.GetUtcNow()); // after soft deletes became marks
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return result;
    }

    private static async Task DispatchDomainEventsAsync(DbContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            context.ChangeTracker.DetectChanges();
            var events = context.ChangeTracker.Entries<AggregateRoot>()
                .SelectMany(entry => entry.Entity.TakeDomainEvents())
                .ToList();
            if (events.Count == 0) return;
            if (round == MaxDispatchRounds)
                throw new InvalidOperationException($"Domain events kept raising events after {MaxDispatchRounds} rounds: {string.Join(", ", events.Select(e => e.GetType().Name))}.");

            foreach (var domainEvent in events)
                await DispatchAsync(domainEvent, services, cancellationToken);
        }
    }

    private static async Task DispatchAsync(IDomainEvent domainEvent, IServiceProvider services, CancellationToken cancellationToken)
    {
        var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(domainEvent.GetType());
        foreach (var handler in services.GetServices(handlerType))
        {
            var task = (Task)handlerType.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!
                .Invoke(handler, [domainEvent, cancellationToken])!;
            await task;
        }
    }

    private void WriteToOutbox(DbContext context, IScopedModuleContext publisher)
    {
        var events = publisher.TakeIntegrationEvents();
        if (events.Count == 0) return;
        var now = clock.GetUtcNow();
        // The company the context works in (none for system work) and the request's language: its handlers run in both.
        var company = context is ICompanyScopedContext { SeesAllCompanies: false } scoped ? scoped.CurrentCompanyId : null;
        var language = CultureInfo.CurrentUICulture.Name is { Length: > 0 } culture ? culture : null;
        foreach (var integrationEvent in events)
        {
            var name = IntegrationEventRegistry.NameOf(integrationEvent.GetType());
            var message = new OutboxMessage(Guid.CreateVersion7(), name,
                JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), IntegrationEventRegistry.Json), now, company, language);
            context.Add(message);
            foreach (var handler in integrationEvents.HandlersOf(name))
                context.Add(new OutboxDelivery(message.Id, handler.HandlerName, now));
        }
    }

    /// <summary>
    /// An aggregate changes as a whole: a line added, changed or removed changes its root too, so the root's row is
    /// updated (its version checked against the one the client read, then bumped; its modification stamped), and two
    /// clients editing one document's lines at once cannot both win.
    /// </summary>
    private static void TouchAggregatesOfChangedParts(DbContext context)
    {
        var changedParts = context.ChangeTracker.Entries()
            .Where(e => e.Entity is not AggregateRoot && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (changedParts.Count == 0) return;
        var roots = context.ChangeTracker.Entries<AggregateRoot>().Where(r => r.State == EntityState.Unchanged).ToList();
        foreach (var part in changedParts)
        {
            foreach (var key in part.Metadata.GetForeignKeys().Where(k => typeof(AggregateRoot).IsAssignableFrom(k.PrincipalEntityType.ClrType) && k.Properties.Count == 1))
            {
                var property = part.Property(key.Properties[0].Name);
                if ((part.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue) is not Guid rootId) continue;
                var root = roots.Find(r => r.Entity.Id == rootId && r.Metadata == key.PrincipalEntityType);
                if (root is not null) root.State = EntityState.Modified;
            }
        }
    }

    private void StampAndSoftDelete(DbContext context, ICurrentUser caller)
    {
        var (user, client) = (caller.UserId, caller.ClientId);
        var now = clock.GetUtcNow();

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted && entry.Entity is ISoftDelete)
            {
                entry.State = EntityState.Modified;
                Set(entry, nameof(ISoftDelete.IsDeleted), true);
                Set(entry, nameof(ISoftDelete.DeletedAt), now);
                Set(entry, nameof(ISoftDelete.DeletedBy), user);
                Set(entry, nameof(ISoftDelete.DeletedByClient), client);
            }

            if (entry.Entity is not IAuditedEntity) continue;
            if (entry.State == EntityState.Added)
            {
                Set(entry, nameof(IAuditedEntity.CreatedAt), now);
                Set(entry, nameof(IAuditedEntity.CreatedBy), user);
                Set(entry, nameof(IAuditedEntity.CreatedByClient), client);
            }
            else if (entry.State == EntityState.Modified)
            {
                Set(entry, nameof(IAuditedEntity.ModifiedAt), now);
                Set(entry, nameof(IAuditedEntity.ModifiedBy), user);
                Set(entry, nameof(IAuditedEntity.ModifiedByClient), client);
            }
        }
    }

    /// <summary>
    /// New company-owned rows go to the caller's current company; a row of a company the caller may not use is neither
    /// written nor moved there (403 <c>company.forbidden</c>, and nothing of the save is written).
    /// </summary>
    private static void KeepToCompanies(DbContext context, ICurrentCompany company)
    {
        foreach (var entry in context.ChangeTracker.Entries<ICompanyOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var owner = entry.Property(e => e.CompanyId);
            if (entry.State == EntityState.Added && owner.CurrentValue == Guid.Empty)
                owner.CurrentValue = company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);
            if (!company.MayUse(owner.CurrentValue) || (entry.State != EntityState.Added && !company.MayUse(owner.OriginalValue)))
                throw new ForbiddenException(CompanyErrors.Forbidden);
        }
    }

    private static void Set(EntityEntry entry, string property, object? value) => entry.Property(property).CurrentValue = value;
}
