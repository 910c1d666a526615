using Erp.Identity.Events;
using Erp.Kernel.Messaging;
using Erp.Permissions.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Permissions.Application;

/// <summary>A deleted role's grants go with it (a later role of the same id inherits nothing); its members' sets are dropped.</summary>
internal sealed class RemoveGrantsOfDeletedRole(PermissionsDbContext db, PermissionChecker checker) : IIntegrationEventHandler<RoleDeletedIntegrationEvent>
{
    public Task HandleAsync(RoleDeletedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RemoveGrants.OfAsync(db, checker, new PermissionSubject(PermissionSubjectKind.Role, integrationEvent.RoleId.ToString()), cancellationToken);
}

/// <summary>A deleted client's grants go with it, so a new client of the same id starts with none.</summary>
internal sealed class RemoveGrantsOfDeletedClient(PermissionsDbContext db, PermissionChecker checker) : IIntegrationEventHandler<ClientDeletedIntegrationEvent>
{
    public Task HandleAsync(ClientDeletedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        RemoveGrants.OfAsync(db, checker, new PermissionSubject(PermissionSubjectKind.Client, integrationEvent.ClientId), cancellationToken);
}

/// <summary>A user's roles changed: their cached set is dropped on every instance, and the next check reloads it.</summary>
internal sealed class DropPermissionsOfUser(PermissionChecker checker) : IIntegrationEventHandler<UserRolesChangedIntegrationEvent>
{
    public Task HandleAsync(UserRolesChangedIntegrationEvent integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken) =>
        checker.InvalidateAsync(new PermissionSubject(PermissionSubjectKind.User, integrationEvent.UserId.ToString()), cancellationToken);
}

internal static class RemoveGrants
{
    // The delete joins the delivery's transaction; the cache drop is repeatable, so a retried delivery does no harm.
    public static async Task OfAsync(PermissionsDbContext db, PermissionChecker checker, PermissionSubject subject, CancellationToken cancellationToken)
    {
        await db.Grants.Where(g => g.SubjectKind == subject.Kind && g.SubjectKey == subject.Key).ExecuteDeleteAsync(cancellationToken);
        await checker.InvalidateAsync(subject, cancellationToken);
    }
}
