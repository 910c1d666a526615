using Acme.Plugin.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Acme.Plugin.Data;

/// <summary>The plugin's tables, in a schema of its own; the host applies its migrations (Data/Migrations).</summary>
public sealed class PluginDbContext(DbContextOptions<PluginDbContext> options)
    : ModuleDbContext<PluginDbContext>(options), IModuleDbContext
{
    public static string Schema => "acme_plugin";

    public DbSet<Item> Items => Set<Item>();
}

/// <summary>For <c>dotnet ef migrations add</c> (no database needed to add one).</summary>
internal sealed class PluginDbContextFactory : ModuleDbContextFactory<PluginDbContext>;
