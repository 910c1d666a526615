using Erp.Kernel.Data;
using Erp.Settings.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Settings.Data;

public sealed class SettingsDbContext(DbContextOptions<SettingsDbContext> options)
    : ModuleDbContext<SettingsDbContext>(options), IModuleDbContext
{
    public static string Schema => "settings";

    public DbSet<SettingValue> Values => Set<SettingValue>();

    /// <summary>The values of one level, each column compared with IS NULL where the level has none (one index serves all).</summary>
    public IQueryable<SettingValue> At(SettingLevel level) => level switch
    {
        { UserId: { } user } => Values.Where(v => v.UserId == user && v.CompanyId == null),
        { CompanyId: { } company } => Values.Where(v => v.UserId == null && v.CompanyId == company),
        _ => Values.Where(v => v.UserId == null && v.CompanyId == null),
    };
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class SettingsDbContextFactory : ModuleDbContextFactory<SettingsDbContext>;
