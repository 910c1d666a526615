using Erp.Backups.Application;
using Erp.Backups.Http;
using Erp.BlobStoring;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Backups;

/// <summary>
/// Backups of the database and of the blob contents it names, with a manifest each (<c>Erp.Host backup</c>, and on
/// <c>Backups:Schedule</c> once <c>Backups:Path</c> or <c>Backups:S3:Bucket</c> is set), in a folder or an S3 bucket, kept by daily, weekly and monthly counts; a recurring restore
/// check into a scratch database; <c>Erp.Host restore</c>. docs/operations.md says how to run them.
/// </summary>
[DependsOn("Erp.BlobStoring")]
public sealed class BackupsModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(BackupsJsonContext.Default);
        var options = module.Configuration.GetSection(BackupsOptions.Section).Get<BackupsOptions>() ?? new BackupsOptions();
        module.Services.AddOptions<BackupsOptions>().BindConfiguration(BackupsOptions.Section);
        module.Services.AddSingleton<PostgresTools>().AddScoped<IBackups, BackupService>();
        if (options.S3.IsConfigured) module.Services.AddSingleton<IBackupTarget, S3Target>();
        else module.Services.AddSingleton<IBackupTarget, FolderTarget>();
        if (options.IsConfigured)
        {
            module.AddRecurringJob<CreateBackup>(CreateBackup.Id, options.Schedule)
                .AddRecurringJob<CheckNewestBackup>(CheckNewestBackup.Id, options.CheckSchedule);
            module.Services.AddHostedService<BackupMetrics>();
        }

        foreach (var permission in BackupsPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Backups", "/admin/backups", BackupsPermissions.Backups, Order: 72));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Backups", "Backups of the database and blobs, and their restore checks."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapBackupEndpoints();
}
