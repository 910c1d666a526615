using Microsoft.AspNetCore.Identity;

namespace Erp.Identity.Domain;

/// <summary>
/// A person who signs in. ASP.NET Core Identity owns the credentials (password hash, lockout, two-factor,
/// security stamp); Erp adds a display name and the creation time.
/// </summary>
public sealed class User : IdentityUser<Guid>
{
    private User() { } // for EF Core

    public User(string userName, string email, string? displayName, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        UserName = userName.Trim();
        Email = email.Trim();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        CreatedAt = createdAt;
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
    }

    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>A named set of users that permissions are granted to. Static roles are built in.</summary>
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
}
