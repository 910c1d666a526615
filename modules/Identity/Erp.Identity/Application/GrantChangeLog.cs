using Erp.Identity.Domain;
using Erp.Kernel.Messaging;
using Erp.Permissions;
using Erp.Permissions.Events;
using Microsoft.AspNetCore.Identity;

namespace Erp.Identity.Application;

/// <summary>Records a grant change made in the permissions module in the security log, under the user it concerns (if a user) and its actor.</summary>
internal sealed class LogGrantChange(SecurityLog log, UserManager<User> users) : IIntegrationEventHandler<GrantsChangedIntegrationEvent>
{
    public async Task HandleAsync(GrantsChangedIntegrationEvent change, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var user = change.Kind == PermissionSubjectKind.User ? await users.FindByIdAsync(change.Key) : null;
        var parts = new List<string>();
        if (change.Granted.Count > 0) parts.Add("granted " + string.Join(", ", change.Granted));
        if (change.Revoked.Count > 0) parts.Add("revoked " + string.Join(", ", change.Revoked));
        await log.WriteAsync(SecurityActions.GrantsChanged, user,
            detail: $"{change.Kind.ToString().ToLowerInvariant()} '{change.Key}': {string.Join("; ", parts)}",
            clientId: change.Kind == PermissionSubjectKind.Client ? change.Key : null,
            actor: change.ActorName is { } name ? new SecurityActor(change.ActorUserId, name) : null,
            cancellationToken: cancellationToken);
    }
}
