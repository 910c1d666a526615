using Erp.Kernel.Domain;

namespace Erp.Identity.Domain;

/// <summary>The rules roles keep, each with its stable code.</summary>
public static class RoleRules
{
    /// <summary>Built-in roles (the administrator) are what Erp's own checks name: they are never renamed or deleted.</summary>
    public static BusinessRule BuiltInRolesAreFixed(Role role) => new(IdentityErrors.StaticRole, role.IsStatic, role.Name);
}
