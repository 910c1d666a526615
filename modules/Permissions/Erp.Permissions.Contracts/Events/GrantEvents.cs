using Erp.Kernel;

namespace Erp.Permissions.Events;

/// <summary>
/// Permissions were granted to or revoked from a role, user or client, by <paramref name="ActorName"/> (a user, with
/// their id, or an integration client). The identity module records it in the security log.
/// </summary>
public sealed record GrantsChangedIntegrationEvent(
    PermissionSubjectKind Kind, string Key, IReadOnlyList<string> Granted, IReadOnlyList<string> Revoked, Guid? ActorUserId, string? ActorName)
    : IIntegrationEvent;
