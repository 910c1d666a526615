using System.ComponentModel.DataAnnotations;

namespace Erp.Identity.Users;

public sealed record UserDto(
    Guid Id,
    string UserName,
    string Email,
    bool EmailConfirmed,
    string? DisplayName,
    bool IsLockedOut,
    DateTimeOffset? LockoutEnd,
    bool TwoFactorEnabled,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt);

/// <summary>Creates a user and mails them a link to confirm their address and choose a password.</summary>
public sealed record CreateUserRequest(
    [Required, StringLength(UserLimits.MaxUserName, MinimumLength = 2), RegularExpression(UserLimits.UserNamePattern)] string UserName,
    [Required, EmailAddress, StringLength(UserLimits.MaxEmail)] string Email,
    [StringLength(UserLimits.MaxDisplayName)] string? DisplayName,
    IReadOnlyList<string>? Roles);

public sealed record UpdateUserRequest(
    [Required, EmailAddress, StringLength(UserLimits.MaxEmail)] string Email,
    [StringLength(UserLimits.MaxDisplayName)] string? DisplayName);

public sealed record SetUserRolesRequest([Required] IReadOnlyList<string> Roles);

/// <param name="UserName">The user the entry concerns, if any.</param>
/// <param name="Actor">Who did it: a user's name or an integration client's id (for sign-ins, the user themselves).</param>
public sealed record SecurityLogEntryDto(
    Guid Id, DateTimeOffset At, string Action, string? UserName, string? IpAddress, string? UserAgent, string? ClientId, string? Detail, string? Actor);

public static class UserLimits
{
    public const int MaxUserName = 64;
    public const int MaxEmail = 256;
    public const int MaxDisplayName = 128;
    public const string UserNamePattern = "^[A-Za-z0-9._@+-]+$";
}
