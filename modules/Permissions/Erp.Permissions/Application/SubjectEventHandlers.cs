using Erp.Kernel.Messaging;
using Erp.Permissions.Data;
using Erp.Permissions.Events;
using Microsoft.EntityFrameworkCore;

namespace Erp.Permissions.Application;

/// <summary>
/// A removed subject's grants go with it (a later role or client of the same key inherits nothing), and its cached set
/// is dropped. The delete joins the delivery's transaction; the cache drop is repeatable, so a retried delivery does no harm.
/// </summary>
internal sealed class RemoveGrantsOfRemovedSubject(PermissionsDbContext db, PermissionChecker checker)
    : IIntegrationEventHandler<PermissionSubjectRemovedIntegrationEvent>
{
    public async Task HandleAsync(PermissionSubjectRemovedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var (kind, key) = (integrationEvent.Kind, integrationEvent.Key);
        await db.Grants.Where(g => g.SubjectKind == kind && g.SubjectKey == key).ExecuteDeleteAsync(cancellationToken);
        await checker.InvalidateAsync(new PermissionSubject(kind, key), cancellationToken);
    }
}

/// <summary>What a subject holds changed (a user's roles): its cached set is dropped on every instance, and the next check reloads it.</summary>
internal sealed class DropPermissionsOfChangedSubject(PermissionChecker checker) : IIntegrationEventHandler<PermissionSubjectChangedIntegrationEvent>
{
    public Task HandleAsync(PermissionSubjectChangedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        checker.InvalidateAsync(new PermissionSubject(integrationEvent.Kind, integrationEvent.Key), cancellationToken);
}
