using Microsoft.AspNetCore.Identity;

namespace Erp.Identity.Domain;

/// <summary>
/// A person who signs in. ASP.NET Core Identity owns the credentials (password hash, lockout, two-factor,
/// security stamp) and changes them through its managers; Erp's own state (display name, creation time) changes only
/// through this class's methods.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    private User() { } // for EF Core

    public User(string userName, string email, string? displayName, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        UserName = userName.Trim();
        Email = email.Trim();
        DisplayName = Clean(displayName);
        CreatedAt = createdAt;
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
    }

    public string? DisplayName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A blank name is no name: lists then show the user name.</summary>
    public void ChangeDisplayName(string? displayName) => DisplayName = Clean(displayName);

    /// <summary>A link mailed to the address was followed: the address is the user's.</summary>
    public void ConfirmEmail() => EmailConfirmed = true;

    private static string? Clean(string? displayName) => string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
}

/// <summary>A named set of users that permissions are granted to. Static roles are built in and never change.</summary>
public sealed class Role : IdentityRole<Guid>
{
    private Role() { } // for EF Core

    public Role(string name, bool isStatic = false)
    {
        Id = Guid.CreateVersion7();
        Name = name.Trim();
        IsStatic = isStatic;
    }

    public bool IsStatic { get; private set; }

    /// <summary>Renames a role Erp does not rely on by name (<see cref="RoleRules.BuiltInRolesAreFixed"/>).</summary>
    public void Rename(string name)
    {
        RoleRules.BuiltInRolesAreFixed(this, "renamed").ThrowIfBroken();
        Name = name.Trim();
    }

    /// <summary>Checks the role may go; the deletion itself is the role manager's.</summary>
    public void EnsureDeletable() => RoleRules.BuiltInRolesAreFixed(this, "deleted").ThrowIfBroken();
}
