using System.ComponentModel.DataAnnotations;

namespace Erp.Identity.Roles;

/// <param name="IsStatic">Built in: cannot be renamed or deleted.</param>
public sealed record RoleDto(Guid Id, string Name, bool IsStatic, int UserCount);

public sealed record CreateRoleRequest([Required, StringLength(RoleLimits.MaxName, MinimumLength = 2)] string Name);

public sealed record RenameRoleRequest([Required, StringLength(RoleLimits.MaxName, MinimumLength = 2)] string Name);

public static class RoleLimits
{
    public const int MaxName = 64;
}
