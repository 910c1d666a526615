using Erp.Kernel.Data;
using Erp.LowCode.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.LowCode.Data;

/// <summary>The definitions (schema <c>lowcode</c>); the tables they describe live in <c>data</c>, outside EF Core's model.</summary>
public sealed class LowCodeDbContext(DbContextOptions<LowCodeDbContext> options)
    : ModuleDbContext<LowCodeDbContext>(options), IModuleDbContext, IRuntimeCompanyOwnedTables
{
    public static string Schema => "lowcode";

    public DbSet<EntityDefinition> Entities => Set<EntityDefinition>();

    public DbSet<EntityRevision> Revisions => Set<EntityRevision>();

    /// <summary>Records' state histories.</summary>
    public DbSet<StateChange> StateChanges => Set<StateChange>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<EntityExtension> Extensions => Set<EntityExtension>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>The imports of files into entities, per company.</summary>
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    /// <summary>The runs of automations, per company: done, or refused and why.</summary>
    public DbSet<AutomationRun> AutomationRuns => Set<AutomationRun>();

    /// <summary>When each scheduled automation last ran.</summary>
    public DbSet<AutomationSchedule> AutomationSchedules => Set<AutomationSchedule>();

    /// <summary>Every entity's table and its lines tables (hidden ones too: their tables stay until purged).</summary>
    public async Task<IReadOnlyList<string>> RuntimeCompanyOwnedTablesAsync(CancellationToken cancellationToken)
    {
        // Before the module's first migration there is nothing to read the definitions from, and no table of theirs.
        if (!await Database.SqlQueryRaw<bool>("SELECT to_regclass('lowcode.entities') IS NOT NULL AS \"Value\"").SingleAsync(cancellationToken)) return [];
        var entities = await Entities.AsNoTracking().ToListAsync(cancellationToken);
        return [.. entities.SelectMany(e => e.Fields.Where(f => !f.HasColumn).Select(f => SchemaPlanner.Table(f.LinesTable(e.Name))).Prepend(e.Table))];
    }
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class LowCodeDbContextFactory : ModuleDbContextFactory<LowCodeDbContext>;
