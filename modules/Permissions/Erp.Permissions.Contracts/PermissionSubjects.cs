namespace Erp.Permissions;

/// <summary>Who a grant is for.</summary>
public enum PermissionSubjectKind
{
    /// <summary>Every member of a role, keyed by the role's id.</summary>
    Role,
    /// <summary>One user, keyed by the user's id.</summary>
    User,
    /// <summary>An integration client (client credentials), keyed by its client id.</summary>
    Client,
}

/// <summary>A role, user or client that permissions are granted to.</summary>
public sealed record PermissionSubject(PermissionSubjectKind Kind, string Key);

/// <summary>A role a user holds, as the permission checker needs it.</summary>
public sealed record UserRole(Guid Id, string Name);

/// <summary>
/// The permissions module's one way in to whoever owns users, roles and clients (the identity module implements it):
/// the roles of a user, and whether a subject exists. Asked rather than read from tokens' role claims, so a role change
/// takes effect at once. Dependencies run one way, the owner to this module: it implements this port and publishes
/// this module's subject events; this module knows nothing of it. Start-up fails without an implementation.
/// </summary>
public interface IPermissionSubjects
{
    Task<IReadOnlyList<UserRole>> GetRolesAsync(Guid userId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(PermissionSubject subject, CancellationToken cancellationToken);

    Task<string?> GetRoleNameAsync(Guid roleId, CancellationToken cancellationToken);
}

/// <summary>
/// Implemented by the permissions module: the permissions a role carries (every one, for the administrator role),
/// so the identity module can refuse to hand out a role whose permissions the caller does not hold.
/// </summary>
public interface IRolePermissions
{
    Task<IReadOnlySet<string>> CarriedByAsync(Guid roleId, string roleName, CancellationToken cancellationToken);
}
