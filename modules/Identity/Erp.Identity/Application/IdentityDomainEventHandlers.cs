using Erp.Identity.Data;
using Erp.Identity.Domain;
using Erp.Identity.Events;
using Erp.Kernel.Domain;
using Erp.Permissions;
using Erp.Permissions.Events;

namespace Erp.Identity.Application;

// What users and roles announce becomes what other modules and the mail hear of. These run inside the save that
// raised the event, so the integration event is stored in the outbox with the change, or not at all.

internal sealed class PublishUserInvited(IdentityDbContext db, AccountEmails emails) : IDomainEventHandler<UserInvited>
{
    public Task HandleAsync(UserInvited domainEvent, CancellationToken cancellationToken)
    {
        db.Publish(new UserCreatedIntegrationEvent(domainEvent.UserId, domainEvent.UserName, domainEvent.Email, emails.RequestOrigin));
        return Task.CompletedTask;
    }
}

internal sealed class PublishEmailChangeRequested(IdentityDbContext db, AccountEmails emails) : IDomainEventHandler<EmailChangeRequested>
{
    public Task HandleAsync(EmailChangeRequested domainEvent, CancellationToken cancellationToken)
    {
        db.Publish(new EmailChangeRequestedIntegrationEvent(domainEvent.UserId, domainEvent.NewEmail, emails.RequestOrigin));
        return Task.CompletedTask;
    }
}

/// <summary>A deleted role is a permission subject no more: its grants go (the permissions module's part).</summary>
internal sealed class PublishRoleDeleted(IdentityDbContext db) : IDomainEventHandler<RoleDeleted>
{
    public Task HandleAsync(RoleDeleted domainEvent, CancellationToken cancellationToken)
    {
        db.Publish(new PermissionSubjectRemovedIntegrationEvent(PermissionSubjectKind.Role, domainEvent.RoleId.ToString()));
        return Task.CompletedTask;
    }
}
