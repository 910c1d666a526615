using Erp.Kernel;

namespace Erp.Identity.Events;

// Published by identity in the transaction of the change they report; delivered after its commit.
// LinkOrigin: the origin links in mails point to when Identity:PublicOrigin is not set (the request's own).

/// <summary>An administrator created a user; identity mails them a link to choose a password.</summary>
public sealed record UserCreatedIntegrationEvent(Guid UserId, string UserName, string Email, string? LinkOrigin) : IIntegrationEvent;

/// <summary>An administrator forced a password reset; identity mails the user a link to choose a new one.</summary>
public sealed record PasswordResetRequestedIntegrationEvent(Guid UserId, string? LinkOrigin) : IIntegrationEvent;

/// <summary>
/// Someone asked on the forgot-password page for a link to <paramref name="Email"/>, whether or not an account uses it;
/// identity mails the link only to an account that does.
/// </summary>
public sealed record PasswordResetRequestedForAddressIntegrationEvent(string Email, string? LinkOrigin) : IIntegrationEvent;

/// <summary>A user's address changed and must be confirmed again; identity mails the new address.</summary>
/// <summary>A change of the user's sign-in address to <paramref name="NewEmail"/> was asked for; it happens when the link mailed there is followed.</summary>
public sealed record EmailChangeRequestedIntegrationEvent(Guid UserId, string NewEmail, string? LinkOrigin) : IIntegrationEvent;

/// <summary>The user changed their password on the account page; identity tells them by mail, so a change made with a stolen session is noticed.</summary>
public sealed record PasswordChangedIntegrationEvent(Guid UserId) : IIntegrationEvent;

/// <summary>The user's two-step verification was turned on or off, or their recovery codes replaced (<paramref name="Change"/>: enabled, disabled, recovery-codes).</summary>
public sealed record TwoFactorChangedIntegrationEvent(Guid UserId, string Change) : IIntegrationEvent;
