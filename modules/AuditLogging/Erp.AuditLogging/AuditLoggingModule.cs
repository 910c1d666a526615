using Erp.AuditLogging.Application;
using Erp.AuditLogging.Data;
using Erp.AuditLogging.Http;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Kernel.Settings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.AuditLogging;

/// <summary>
/// Audit logging: every module context's save records its entity changes in the same transaction (the kernel does the
/// capture; this module owns the tables), requests are recorded through a bounded queue written in batches, and
/// administrators search and export both. Storage is partitioned by month; retention drops whole months.
/// </summary>
[DependsOn("Erp.Settings", "Erp.BackgroundJobs")]
public sealed class AuditLoggingModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(AuditLoggingJsonContext.Default);
        module.AddDbContext<AuditDbContext>()
            .AddSeeder<AuditPartitionsSeeder>()
            .AddRecurringJob<MaintainAuditPartitions>(MaintainAuditPartitions.Id, "20 1 * * *");
        module.Services.Configure<EntityChangeAuditOptions>(o => o.Enabled = true);
        module.Services.AddSingleton<AuditPartitions>().AddScoped<AuditSearch>().AddScoped<AuditStatistics>().AddValidation();

        var requests = module.Configuration.GetSection(RequestAuditOptions.Section).Get<RequestAuditOptions>() ?? new RequestAuditOptions();
        module.Services.Configure<RequestAuditOptions>(module.Configuration.GetSection(RequestAuditOptions.Section));
        if (requests.Enabled)
        {
            module.Services.AddSingleton<RequestAuditQueue>()
                .AddHostedService<RequestAuditWriter>()
                .AddTransient<IStartupFilter, RequestAuditStartupFilter>();
        }

        module.RequireService<ISettingProvider>(providedBy: "the settings module");
        foreach (var permission in AuditLoggingPermissions.All) module.Permissions.Add(permission);
        foreach (var setting in AuditLoggingSettings.All) module.Settings.Add(setting);
        module.Menu.Add(new MenuItemDefinition("Administration/Audit log", "/admin/audit", AuditLoggingPermissions.Default, Order: 50));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Audit log", "Recorded requests and entity changes: search, entity history and CSV export."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapAuditEndpoints();

    /// <summary>
    /// A host that starts months after the last migration (or daily job) still has this month's partition. On a database
    /// not migrated yet, nothing: the migration's seeder creates them.
    /// </summary>
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<AuditPartitions>().EnsureAsync(cancellationToken, onlyIfMigrated: true);
}
