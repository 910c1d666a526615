using Erp.Identity.Domain;
using Erp.Kernel.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace Erp.Identity.Data;

/// <summary>
/// Users and roles (Erp's aggregates, stored in ASP.NET Core Identity's usual tables through Erp's own stores) and
/// Identity's join and token tables, OpenIddict's applications, authorizations,
/// scopes and tokens, the security log and the data-protection key ring, all in the <c>identity</c> schema.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : ModuleDbContext<IdentityDbContext>(options), IModuleDbContext
{
    public static string Schema => "identity";

    // Identity's managers get a failed save back as a result (a stale concurrency stamp), and some use cases go on and
    // commit (a refused password change logs the refusal): the failed save's statements must be taken back.
    protected override bool TakesBackFailedSaves => true;

    public DbSet<User> Users => Set<User>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<IdentityUserRole<Guid>> UserRoles => Set<IdentityUserRole<Guid>>();
    public DbSet<IdentityUserToken<Guid>> UserTokens => Set<IdentityUserToken<Guid>>();
    public DbSet<SecurityLogEntry> SecurityLog => Set<SecurityLogEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The roles <paramref name="userId"/> is a member of, to compose further.</summary>
    public IQueryable<Role> RolesOf(Guid userId) =>
        from userRole in UserRoles
        join role in Roles on userRole.RoleId equals role.Id
        where userRole.UserId == userId
        select role;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict<Guid>();
        var applications = modelBuilder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("oidc_applications");
        applications.Property(a => a.ClientSecret).IsAuditMasked();
        applications.Property(a => a.JsonWebKeySet).IsAuditMasked();
        applications.Property(a => a.ConcurrencyToken).IsNotAudited();
        // Every sign-in and refresh writes these: the security log records sign-ins, the request log the token calls.
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("oidc_authorizations").IsNotAudited();
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("oidc_scopes");
        modelBuilder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("oidc_tokens").IsNotAudited();
    }
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class IdentityDbContextFactory : ModuleDbContextFactory<IdentityDbContext>;
