using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Erp.Settings.Data;
using Erp.Settings.Domain;

namespace Erp.Settings.Application;

/// <summary>Other modules hear of a change through the outbox, in the save that makes it.</summary>
internal sealed class PublishSettingChanged(SettingsDbContext db, ICurrentUser caller) : IDomainEventHandler<SettingValueChanged>
{
    public Task HandleAsync(SettingValueChanged domainEvent, CancellationToken cancellationToken)
    {
        db.Publish(new SettingChangedIntegrationEvent(domainEvent.Name, domainEvent.Level.UserId, domainEvent.Level.CompanyId, caller.UserId, caller.ActorName()));
        return Task.CompletedTask;
    }
}
