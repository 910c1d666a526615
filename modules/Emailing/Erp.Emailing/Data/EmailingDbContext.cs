using Erp.Emailing.Domain;
using Erp.Kernel.Data;
using Microsoft.EntityFrameworkCore;

namespace Erp.Emailing.Data;

public sealed class EmailingDbContext(DbContextOptions<EmailingDbContext> options)
    : ModuleDbContext<EmailingDbContext>(options), IModuleDbContext
{
    public static string Schema => "emailing";

    public DbSet<QueuedEmail> Messages => Set<QueuedEmail>();

    public DbSet<EmailTemplateOverride> TemplateOverrides => Set<EmailTemplateOverride>();
}

/// <summary>For <c>dotnet ef migrations add</c>.</summary>
internal sealed class EmailingDbContextFactory : ModuleDbContextFactory<EmailingDbContext>;
