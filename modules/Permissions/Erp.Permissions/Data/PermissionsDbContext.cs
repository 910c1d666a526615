using Erp.Kernel.Data;
using Erp.Permissions.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Permissions.Data;

public sealed class PermissionsDbContext(DbContextOptions<PermissionsDbContext> options)
    : ModuleDbContext<PermissionsDbContext>(options), IModuleDbContext
{
    public static string Schema => "permissions";

    public DbSet<PermissionGrant> Grants => Set<PermissionGrant>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class PermissionsDbContextFactory : ModuleDbContextFactory<PermissionsDbContext>;
