using Erp.Kernel;
using Erp.Kernel.Localization;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Erp.Kernel.Settings;
using Erp.Settings.Application;
using Erp.Settings.Data;
using Erp.Settings.Domain;
using Erp.Settings.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Settings;

/// <summary>
/// Settings: stores the values of the settings every module and plugin defines, resolves them for callers through the
/// shared cache (<see cref="ISettingProvider"/>), and serves the admin and user settings APIs.
/// </summary>
[DependsOn("Erp.Caching", "Erp.Messaging")]
public sealed class SettingsModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(SettingsJsonContext.Default);
        module.AddDbContext<SettingsDbContext>();
        module.Services.AddSingleton<SettingDefinitions>()
            .AddSingleton<StoredSettings>()
            .AddSingleton<SecretSettings>()
            .AddSingleton<SettingResolver>()
            .AddScoped<ISettingProvider, SettingProvider>()
            .AddScoped<SettingsService>()
            .AddValidation();
        module.AddDomainEventHandler<SettingValueChanged, PublishSettingChanged>();
        // Secrets must decrypt on every instance and after restarts: the keys are the deployment's, kept in PostgreSQL.
        module.RequireService<ICurrentCompany>(providedBy: "the companies module");
        module.RequireService<IDataProtectionProvider>(providedBy: "the identity module, which keeps the Data Protection keys in PostgreSQL");

        foreach (var permission in SettingsPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Settings", "/admin/settings", SettingsPermissions.Default, Order: 40));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Settings", "Settings defined by modules and plugins: global values for administrators, and each user's own."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapSettingEndpoints();

    /// <summary>A configured value (<c>Settings:Module:Setting</c> for <c>Module.Setting</c>) is checked like an admin's: a bad one stops the host, naming it.</summary>
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var resolver = services.GetRequiredService<SettingResolver>();
        var texts = services.GetRequiredService<CatalogStringLocalizer>();
        var problems = services.GetRequiredService<SettingDefinitions>().All
            .Select(d => (Key: SettingResolver.ConfigurationKey(d), Problem: SettingRules.Problem(d, resolver.Configured(d))))
            .Where(p => p.Problem is not null)
            .Select(p => $"{p.Key}: {texts.Text(p.Problem!, TranslationCatalog.English)}")
            .ToArray();
        return problems.Length == 0 ? Task.CompletedTask
            : throw new InvalidOperationException($"Configured setting values are not valid: {string.Join("; ", problems)}");
    }
}
