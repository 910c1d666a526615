using Erp.Kernel;

namespace Erp.Permissions.Events;

/// <summary>
/// Permissions were granted to or revoked from a role, user or client, by <paramref name="ActorName"/> (a user, with
/// their id, or an integration client). The identity module records it in the security log.
/// </summary>
public sealed record GrantsChangedIntegrationEvent(
    PermissionSubjectKind Kind, string Key, IReadOnlyList<string> Granted, IReadOnlyList<string> Revoked, Guid? ActorUserId, string? ActorName)
    : IIntegrationEvent;

/// <summary>
/// A role, user or client no longer exists: its grants go with it, so a later subject of the same key starts with none.
/// Published by the module that owns the subject, in the transaction that removes it.
/// </summary>
public sealed record PermissionSubjectRemovedIntegrationEvent(PermissionSubjectKind Kind, string Key) : IIntegrationEvent;

/// <summary>
/// What a subject holds changed outside its grants (a user's roles): its cached set is dropped on every instance.
/// Published by the module that owns the subject, in the transaction of the change.
/// </summary>
public sealed record PermissionSubjectChangedIntegrationEvent(PermissionSubjectKind Kind, string Key) : IIntegrationEvent;
