using System.ComponentModel.DataAnnotations;

namespace Erp.Permissions.Grants;

/// <summary>The permission tree of one module or plugin, with what the subject asked about holds.</summary>
public sealed record PermissionGroupDto(string Module, string DisplayName, IReadOnlyList<PermissionNodeDto> Permissions);

/// <param name="Granted">Granted to the subject directly.</param>
/// <param name="GrantedThroughRoles">Held through one of the user's roles (users only).</param>
public sealed record PermissionNodeDto(string Name, string DisplayName, string? Parent, bool Granted, bool GrantedThroughRoles);

/// <summary>Grants and revokes for one subject, applied together.</summary>
public sealed record UpdateGrantsRequest(
    [Required] PermissionSubjectKind Kind,
    [Required, StringLength(GrantLimits.MaxKey, MinimumLength = 1)] string Key,
    [MaxLength(GrantLimits.MaxChangesPerRequest)] IReadOnlyList<string>? Grant,
    [MaxLength(GrantLimits.MaxChangesPerRequest)] IReadOnlyList<string>? Revoke);

public static class GrantLimits
{
    public const int MaxName = 200;
    public const int MaxKey = 100;
    public const int MaxChangesPerRequest = 5000;
}
