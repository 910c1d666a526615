using Erp.Identity.Domain;
using Erp.Identity.Roles;
using Erp.Identity.Users;
using Erp.Kernel.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Erp.Identity.Data.Configurations;

// The shapes ASP.NET Core Identity's own IdentityDbContext maps, with Erp's names and limits. Users and roles are
// aggregates: their row version (xmin) is the concurrency check.
internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.UserName).HasMaxLength(UserLimits.MaxUserName);
        user.Property(u => u.NormalizedUserName).HasMaxLength(UserLimits.MaxUserName);
        user.Property(u => u.Email).HasMaxLength(UserLimits.MaxEmail);
        user.Property(u => u.NormalizedEmail).HasMaxLength(UserLimits.MaxEmail);
        user.Property(u => u.DisplayName).HasMaxLength(UserLimits.MaxDisplayName);
        // Credentials are masked in the audit log (their names say so too).
        user.Property(u => u.PasswordHash).IsAuditMasked();
        user.Property(u => u.SecurityStamp).IsAuditMasked();
        user.HasIndex(u => u.NormalizedUserName).IsUnique();
        user.HasIndex(u => u.NormalizedEmail).IsUnique();
        user.HasMany<IdentityUserClaim<Guid>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
        user.HasMany<IdentityUserLogin<Guid>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
        user.HasMany<IdentityUserToken<Guid>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
        user.HasMany<IdentityUserRole<Guid>>().WithOne().HasForeignKey(r => r.UserId).IsRequired();
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> role)
    {
        role.ToTable("roles");
        role.Property(r => r.Name).HasMaxLength(RoleLimits.MaxName);
        role.Property(r => r.NormalizedName).HasMaxLength(RoleLimits.MaxName);
        role.HasIndex(r => r.NormalizedName).IsUnique();
        role.HasMany<IdentityUserRole<Guid>>().WithOne().HasForeignKey(r => r.RoleId).IsRequired();
        role.HasMany<IdentityRoleClaim<Guid>>().WithOne().HasForeignKey(c => c.RoleId).IsRequired();
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<Guid>> userRole)
    {
        userRole.ToTable("user_roles");
        userRole.HasKey(r => new { r.UserId, r.RoleId });
        userRole.HasIndex(r => r.RoleId);
    }
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> claim) => claim.ToTable("user_claims");
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<Guid>> claim) => claim.ToTable("role_claims");
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> login)
    {
        login.ToTable("user_logins");
        login.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        login.Property(l => l.LoginProvider).HasMaxLength(128);
        login.Property(l => l.ProviderKey).HasMaxLength(128);
    }
}

/// <summary>Authenticator keys and recovery codes (hashed by Identity) live here.</summary>
internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> token)
    {
        token.ToTable("user_tokens");
        token.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        token.Property(t => t.LoginProvider).HasMaxLength(128);
        token.Property(t => t.Name).HasMaxLength(128);
        token.Property(t => t.Value).IsAuditMasked();
    }
}

internal sealed class SecurityLogEntryConfiguration : IEntityTypeConfiguration<SecurityLogEntry>
{
    public void Configure(EntityTypeBuilder<SecurityLogEntry> entry)
    {
        entry.ToTable("security_log");
        entry.IsNotAudited(); // a log of its own
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.UserName).HasMaxLength(UserLimits.MaxUserName);
        entry.Property(e => e.IpAddress).HasMaxLength(64);
        entry.Property(e => e.UserAgent).HasMaxLength(SecurityLogEntry.MaxUserAgent);
        entry.Property(e => e.ClientId).HasMaxLength(100);
        entry.Property(e => e.Detail).HasMaxLength(1000);
        entry.Property(e => e.ActorName).HasMaxLength(SecurityLogEntry.MaxActorName);
        // A user's log is read newest first, and so is the whole log.
        entry.HasIndex(e => new { e.UserId, e.At });
        entry.HasIndex(e => e.At);
    }
}
