using Erp.Kernel.Data;
using Erp.Settings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Settings.Data;

public sealed class SettingsDbContext(DbContextOptions<SettingsDbContext> options)
    : ModuleDbContext<SettingsDbContext>(options), IModuleDbContext
{
    public static string Schema => "settings";

    public DbSet<SettingValue> Values => Set<SettingValue>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class SettingsDbContextFactory : ModuleDbContextFactory<SettingsDbContext>;
