using Erp.Kernel.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.LowCode.Data;

/// <summary>The definitions (schema <c>lowcode</c>); the tables they describe live in <c>data</c>, outside EF Core's model.</summary>
public sealed class LowCodeDbContext(DbContextOptions<LowCodeDbContext> options)
    : ModuleDbContext<LowCodeDbContext>(options), IModuleDbContext
{
    public static string Schema => "lowcode";

    public DbSet<EntityDefinition> Entities => Set<EntityDefinition>();

    public DbSet<EntityRevision> Revisions => Set<EntityRevision>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class LowCodeDbContextFactory : ModuleDbContextFactory<LowCodeDbContext>;
