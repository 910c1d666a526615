using Erp.Kernel;

namespace Erp.Permissions;

/// <summary>The permissions module's own permissions: reading and changing grants.</summary>
public static class GrantPermissions
{
    public const string Default = "Permissions.Grants";
    public const string Manage = "Permissions.Grants.Manage";

    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(Default, "See permission grants"),
        new(Manage, "Grant and revoke permissions", Default),
    ];
}

/// <summary>Role names the permission system itself relies on.</summary>
public static class PermissionRoles
{
    /// <summary>Holds every permission defined, including those of plugins installed later; never stored as grants.</summary>
    public const string Administrator = "admin";
}

/// <summary>Stable error codes of the permissions module.</summary>
public static class PermissionErrors
{
    public const string UnknownPermission = "permissions.grant.unknown-permission";
    public const string UnknownSubject = "permissions.grant.unknown-subject";
    public const string AdministratorRole = "permissions.grant.administrator-role";
    public const string OwnGrants = "permissions.grant.own";
    public const string NotHeld = "permissions.grant.not-held";
}
