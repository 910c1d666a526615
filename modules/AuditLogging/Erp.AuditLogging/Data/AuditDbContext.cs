using Erp.AuditLogging.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.AuditLogging.Data;

/// <summary>
/// Reads the audit schema. Its tables are partitioned by month, which EF Core's migrations cannot express: the
/// migrations here are SQL, and the model maps the tables without creating them.
/// </summary>
public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : ModuleDbContext<AuditDbContext>(options), IModuleDbContext
{
    public static string Schema => AuditTables.Schema;

    public DbSet<RequestRecord> Requests => Set<RequestRecord>();

    public DbSet<EntityChangeRecord> EntityChanges => Set<EntityChangeRecord>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class AuditDbContextFactory : ModuleDbContextFactory<AuditDbContext>;

/// <summary>The partitioned tables of the audit schema, each range-partitioned by <c>occurred_at</c>.</summary>
internal static class AuditTables
{
    public const string Schema = "audit";
    public const string Requests = "requests";
    public const string EntityChanges = "entity_changes";

    public static IReadOnlyList<string> Partitioned { get; } = [Requests, EntityChanges];
}
