using Erp.Kernel.Domain;

namespace Erp.Identity.Domain;

/// <summary>
/// A person who signs in. Nothing outside changes its state through a setter: Erp's own behaviour is in the methods
/// below; the credentials (password hash, security stamp, lockout, two-factor) change only through ASP.NET Core
/// Identity's user manager, whose store (<c>Data/UserStore</c>) writes them through EF Core, as the kernel writes audit stamps.
/// </summary>
public sealed class User : AggregateRoot
{
    private User() { } // for EF Core

    public User(string userName, string email, string? displayName, DateTimeOffset createdAt)
    {
        UserName = userName.Trim();
        Email = email.Trim();
        DisplayName = Clean(displayName);
        CreatedAt = createdAt;
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
    }

    public string UserName { get; private set; } = "";
    public string NormalizedUserName { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string NormalizedEmail { get; private set; } = "";
    public bool EmailConfirmed { get; private set; }
    public string? DisplayName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public string? PasswordHash { get; private set; }

    /// <summary>Changes whenever the credentials do: sessions and links made under the old stamp stop working.</summary>
    public string SecurityStamp { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }
    public bool LockoutEnabled { get; private set; }
    public DateTimeOffset? LockoutEnd { get; private set; }
    public int AccessFailedCount { get; private set; }

    /// <summary>An account an administrator creates: no password yet; its owner chooses one through the link mailed to it.</summary>
    public static User Invite(string userName, string email, string? displayName, DateTimeOffset createdAt)
    {
        var user = new User(userName, email, displayName, createdAt);
        user.Raise(new UserInvited(user.Id, user.UserName, user.Email));
        return user;
    }

    /// <summary>
    /// Asks to move the sign-in address. Nothing changes here: the address changes when the link mailed to the new one
    /// is followed, so nobody moves an account to a mailbox they read by typing it in.
    /// </summary>
    public void RequestEmailChange(string newEmail) => Raise(new EmailChangeRequested(Id, newEmail.Trim()));

    /// <summary>A blank name is no name: lists then show the user name.</summary>
    public void ChangeDisplayName(string? displayName) => DisplayName = Clean(displayName);

    /// <summary>A link mailed to the address was followed: the address is the user's.</summary>
    public void ConfirmEmail() => EmailConfirmed = true;

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    private static string? Clean(string? displayName) => string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
}

/// <summary>A named set of users that permissions are granted to. Static roles are built in and never change.</summary>
public sealed class Role : AggregateRoot
{
    private Role() { } // for EF Core

    public Role(string name, bool isStatic = false)
    {
        Name = name.Trim();
        IsStatic = isStatic;
    }

    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public bool IsStatic { get; private set; }

    /// <summary>Renames a role Erp does not rely on by name (<see cref="RoleRules.BuiltInRolesAreFixed"/>).</summary>
    public void Rename(string name)
    {
        RoleRules.BuiltInRolesAreFixed(this).ThrowIfBroken();
        Name = name.Trim();
    }

    /// <summary>Checks the role may go and announces it; removing the row is the role manager's, in the same save.</summary>
    public void Delete()
    {
        RoleRules.BuiltInRolesAreFixed(this).ThrowIfBroken();
        Raise(new RoleDeleted(Id));
    }
}
