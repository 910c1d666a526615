using Erp.Kernel.Domain;

namespace Erp.Identity.Domain;

/// <summary>An administrator created the account without a password: a link to choose one is owed to its address.</summary>
public sealed record UserInvited(Guid UserId, string UserName, string Email) : IDomainEvent;

/// <summary>A move of the sign-in address to <paramref name="NewEmail"/> was asked for; it happens when the link mailed there is followed.</summary>
public sealed record EmailChangeRequested(Guid UserId, string NewEmail) : IDomainEvent;

/// <summary>A role is being deleted, with its memberships.</summary>
public sealed record RoleDeleted(Guid RoleId) : IDomainEvent;
