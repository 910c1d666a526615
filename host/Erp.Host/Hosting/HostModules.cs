using Erp.AuditLogging;
using Erp.Backups;
using Erp.BackgroundJobs;
using Erp.BlobStoring;
using Erp.Caching;
using Erp.Companies;
using Erp.Emailing;
using Erp.Messaging;
using Erp.Identity;
using Erp.Kernel.Modularity;
using Erp.LowCode;
using Erp.Permissions;
using Erp.Printing;
using Erp.Settings;

namespace Erp.Host.Hosting;

/// <summary>The modules built into the host. Plugins come from the plugins folder and are not listed here.</summary>
internal static class HostModules
{
    public static IReadOnlyList<ErpModule> All => [new CachingModule(), new MessagingModule(), new BackgroundJobsModule(), new PermissionsModule(), new SettingsModule(), new CompaniesModule(), new AuditLoggingModule(), new BlobStoringModule(), new BackupsModule(), new EmailingModule(), new PrintingModule(), new IdentityModule(), new LowCodeModule(), new HostModule()];
}
