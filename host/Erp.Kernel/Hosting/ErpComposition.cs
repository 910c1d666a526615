using System.Reflection;
using Erp.Kernel.Data;
using Erp.Kernel.Http;
using Erp.Kernel.Localization;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NuGet.Versioning;

namespace Erp.Kernel.Hosting;

/// <summary>Composes the host: built-in modules plus the plugins found in the plugins folder, configured in dependency order.</summary>
public static class ErpComposition
{
    /// <summary>The version plugins check their <c>hostVersion</c> range against.</summary>
    public static NuGetVersion HostVersion { get; } = NuGetVersion.Parse(
        typeof(ErpModule).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0]);

    /// <summary>
    /// Loads plugins, orders all modules (stopping start-up with the names involved on a cycle or a missing
    /// dependency among built-in modules) and runs each module's <see cref="ErpModule.ConfigureServices"/>.
    /// A plugin that throws there is rolled back and marked failed; the host goes on with the rest.
    /// </summary>
    public static ModuleCatalog AddErpModules(this IHostApplicationBuilder builder, IReadOnlyList<ErpModule> builtInModules, ILogger logger)
    {
        // Built-in modules must resolve among themselves: a cycle or missing dependency stops start-up here,
        // naming the modules, before any plugin is looked at.
        ModuleGraph.Sort(builtInModules, m => m.Id, m => m.DependsOn);
        var registry = new PluginRegistry();
        var plugins = new PluginLoader(registry, logger).Load(
            PluginsPath(builder.Configuration), HostVersion, builtInModules.ToDictionary(m => m.Id, m => NuGetVersion.Parse(m.Version)));

        var manifests = plugins.ToDictionary(p => p.Module, p => p.Manifest);
        var ordered = ModuleGraph.Sort(
            [.. builtInModules, .. plugins.Select(p => p.Module)],
            m => m.Id,
            m => manifests.TryGetValue(m, out var manifest) ? m.DependsOn.Union(manifest.DependsOn.Keys) : m.DependsOn);

        var descriptors = new List<ModuleDescriptor>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in ordered)
        {
            if (!manifests.TryGetValue(module, out var manifest))
            {
                descriptors.Add(Configure(module, builder, isPlugin: false, descriptors));
                continue;
            }

            var failedDependency = manifest.DependsOn.Keys.FirstOrDefault(failed.Contains);
            var error = failedDependency is null ? TryConfigurePlugin(module, builder, descriptors) : null;
            if (failedDependency is null && error is null) continue;
            var reason = error is null ? $"depends on '{failedDependency}', which failed" : $"ConfigureServices threw: {error.GetBaseException().Message}";
            failed.Add(module.Id);
            registry.Failed(module.Id, reason);
            // With the exception: its stack trace is what the plugin's author needs.
            logger.LogError(error, "Plugin {PluginId} failed: {Reason}", module.Id, reason);
        }

        RefuseMissingServices(descriptors, builder.Services);
        var catalog = new ModuleCatalog(descriptors);
        AddKernelServices(builder.Services, builder.Configuration, registry, catalog);
        return catalog;
    }

    /// <summary>
    /// A setting name is one setting across the host: two modules defining it would share one stored value. The module
    /// configured later is refused (a plugin fails alone; built-in modules come first).
    /// </summary>
    public static void RefuseSettingsDefinedEarlier(ModuleDescriptor module, IEnumerable<ModuleDescriptor> earlier)
    {
        var taken = earlier.SelectMany(m => m.Settings.Select(s => (s.Name, Module: m.Id))).ToDictionary(s => s.Name, s => s.Module, StringComparer.Ordinal);
        var reused = module.Settings.Where(s => taken.ContainsKey(s.Name)).Select(s => $"'{s.Name}' (defined by {taken[s.Name]})").ToArray();
        if (reused.Length > 0) throw new InvalidOperationException($"{module.Id} defines settings another module defines: {string.Join(", ", reused)}.");
    }

    /// <summary>Every service a module declared it needs from another (<see cref="ModuleServices.RequireService{TService}"/>) is registered.</summary>
    public static void RefuseMissingServices(IEnumerable<ModuleDescriptor> modules, IServiceCollection services)
    {
        var missing = modules
            .SelectMany(m => m.RequiredServices.Select(required => (Module: m.Id, Required: required)))
            .Where(r => !services.Any(d => d.ServiceType == r.Required.Service))
            .Select(r => $"{r.Module} needs {r.Required.Service.Name}, which {r.Required.ProvidedBy} provides, and no module registered it")
            .ToArray();
        if (missing.Length > 0) throw new InvalidOperationException($"Start-up refused: {string.Join("; ", missing)}.");
    }

    /// <summary>The plugins folder: <c>Plugins:Path</c>, relative to the host binary; default <c>plugins/</c> beside it.</summary>
    public static string PluginsPath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Plugins:Path"] ?? "plugins", AppContext.BaseDirectory);

    private static ModuleDescriptor Configure(ErpModule module, IHostApplicationBuilder builder, bool isPlugin, IEnumerable<ModuleDescriptor> earlier)
    {
        var services = new ModuleServices(builder.Services, builder.Configuration, builder.Environment);
        module.ConfigureServices(services);
        // A plugin whose settings cannot work fails alone (TryConfigurePlugin); a built-in module stops start-up.
        if (Settings.SettingRules.Problems(services.Settings) is { Count: > 0 } problems)
            throw new InvalidOperationException($"{module.Id} defines settings that cannot work: {string.Join("; ", problems)}.");
        var descriptor = services.Describe(module, isPlugin);
        RefuseSettingsDefinedEarlier(descriptor, earlier);
        return descriptor;
    }

    // Registrations a failing plugin made before it threw are removed, so nothing half-registered stays behind.
    private static Exception? TryConfigurePlugin(ErpModule module, IHostApplicationBuilder builder, List<ModuleDescriptor> descriptors)
    {
        var registered = builder.Services.Count;
        try
        {
            descriptors.Add(Configure(module, builder, isPlugin: true, descriptors));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            while (builder.Services.Count > registered) builder.Services.RemoveAt(builder.Services.Count - 1);
            return e;
        }
    }

    /// <summary>The texts of the kernel and every running module and plugin, behind <see cref="IStringLocalizer"/>.</summary>
    private static void AddLocalization(IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var plugins = provider.GetRequiredService<PluginRegistry>();
            var catalog = provider.GetRequiredService<ModuleCatalog>();
            var modules = catalog.Modules.Where(m => plugins.IsAvailable(m.Id)).Select(m => m.Module.GetType().Assembly);
            return TranslationCatalog.From([typeof(TranslationCatalog).Assembly, .. modules],
                DefinitionTexts.English(catalog, id => plugins.All.FirstOrDefault(p => p.Id == id)?.DisplayName));
        });
        services.AddSingleton<CatalogStringLocalizer>().AddSingleton<ValidationMessages>().AddScoped<ReaderLanguage>();
        // What the first request does before anything else: the translations and the default language, read through the
        // settings module (its EF Core model and first query: 0.6 s on two cores). Probes skip the request culture.
        services.AddStartupWarmup(async (provider, ct) => await RequestCulture.DefaultAsync(provider, provider.GetRequiredService<TranslationCatalog>(), ct));
        services.AddSingleton<IStringLocalizerFactory, CatalogStringLocalizerFactory>();
        services.AddSingleton(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
    }

    private static void AddKernelServices(IServiceCollection services, IConfiguration configuration, PluginRegistry registry, ModuleCatalog catalog)
    {
        services.AddSingleton(registry).AddSingleton(catalog);
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<CompanyWork>();
        // Secure by default: an endpoint that declares nothing needs a signed-in caller; public ones say AllowAnonymous.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddScoped<IAuthorizationHandler, PermissionAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblems>();
        services.AddSingleton<ErpSaveChangesInterceptor>().AddSingleton<CompanyRowSecurityInterceptor>().AddSingleton<CompanyRowSecuritySaveInterceptor>();
        services.AddScoped<UnitOfWork>();
        services.AddSingleton<Messaging.IntegrationEventRegistry>();
        AddLocalization(services);
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<SchemaState>();
        services.AddSingleton<StartupState>();
        services.AddHostedService<ModuleLifecycleService>();
        services.AddOptions<StartupMemoryOptions>().BindConfiguration(StartupMemoryOptions.Section);
        services.AddSingleton<StartupMemoryRelease>().AddHostedService(provider => provider.GetRequiredService<StartupMemoryRelease>());
        services.AddSingleton(_ => ErpDbContextOptions.DataSource(ErpDbContextOptions.ConnectionString(configuration), "erp"));
        if (ReadReplica.IsConfigured(configuration))
            services.AddKeyedSingleton(ReadReplica.Key, (_, _) =>
                ErpDbContextOptions.DataSource(configuration.GetConnectionString(ReadReplica.ConnectionStringName)!, "erp-replica"));
        else // the primary under both names (the container disposes it twice, which a data source allows)
            services.AddKeyedSingleton<NpgsqlDataSource>(ReadReplica.Key, (provider, _) => provider.GetRequiredService<NpgsqlDataSource>());

        var typeBaseUri = configuration["Problems:TypeBaseUri"] ?? ErpProblemDetails.DefaultTypeBaseUri;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context => ErpProblemDetails.Customize(context, typeBaseUri));
        services.AddExceptionHandler<ErpExceptionHandler>();
    }
}
