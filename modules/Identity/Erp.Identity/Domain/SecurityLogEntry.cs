using Erp.Kernel.Domain;

namespace Erp.Identity.Domain;

/// <summary>Who did something: a user (their id and name), or an integration client (its id as the name).</summary>
public sealed record SecurityActor(Guid? UserId, string Name);

/// <summary>
/// One security-relevant event: a sign-in, a failure, a lockout, a credential, role, grant or client change. The
/// user it concerns (if any) and the actor who did it, who differ for administrative changes.
/// </summary>
public sealed class SecurityLogEntry : Entity<Guid>
{
    private SecurityLogEntry() { } // for EF Core

    public SecurityLogEntry(string action, DateTimeOffset at, Guid? userId, string? userName, string? ipAddress, string? userAgent, string? clientId, string? detail,
        SecurityActor? actor)
    {
        ActorUserId = actor?.UserId;
        ActorName = actor?.Name is { Length: > MaxActorName } name ? name[..MaxActorName] : actor?.Name;
        Id = Guid.CreateVersion7();
        Action = action;
        At = at;
        UserId = userId;
        UserName = userName;
        IpAddress = ipAddress;
        UserAgent = userAgent is { Length: > MaxUserAgent } ? userAgent[..MaxUserAgent] : userAgent;
        ClientId = clientId;
        Detail = detail;
    }

    public const int MaxUserAgent = 512;
    public const int MaxActorName = 256;

    public DateTimeOffset At { get; private set; }
    public string Action { get; private set; } = "";
    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public string? ClientId { get; private set; }
    public string? Detail { get; private set; }
    public Guid? ActorUserId { get; private set; }
    public string? ActorName { get; private set; }
}

/// <summary>The actions the security log records.</summary>
public static class SecurityActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string TwoFactorRequired = "two-factor-required";
    public const string TwoFactorFailed = "two-factor-failed";
    public const string RecoveryCodeUsed = "recovery-code-used";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string PasswordChangeFailed = "password-change-failed";
    public const string EmailChangeRequested = "email-change-requested";
    public const string EmailChanged = "email-changed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string RecoveryCodesGenerated = "recovery-codes-generated";
    public const string UserCreated = "user-created";
    public const string UserUpdated = "user-updated";
    public const string RolesChanged = "roles-changed";
    public const string Locked = "locked";
    public const string Unlocked = "unlocked";
    public const string PasswordResetForced = "password-reset-forced";
    public const string TokenIssued = "token-issued";
    public const string RoleCreated = "role-created";
    public const string RoleRenamed = "role-renamed";
    public const string RoleDeleted = "role-deleted";
    public const string ClientCreated = "client-created";
    public const string ClientDeleted = "client-deleted";
    public const string GrantsChanged = "grants-changed";
}
