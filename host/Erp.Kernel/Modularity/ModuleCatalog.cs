namespace Erp.Kernel.Modularity;

/// <summary>One configured module or plugin and everything it contributed.</summary>
public sealed record ModuleDescriptor(
    ErpModule Module,
    bool IsPlugin,
    IReadOnlyList<PermissionDefinition> Permissions,
    IReadOnlyList<SettingDefinition> Settings,
    IReadOnlyList<MenuItemDefinition> Menu,
    IReadOnlyList<OpenApiTagDefinition> OpenApiTags,
    IReadOnlyList<Type> DbContexts,
    IReadOnlyList<Type> Seeders,
    IReadOnlyList<RequiredSecret> Secrets,
    IReadOnlyList<Messaging.IntegrationEventHandlerRegistration> IntegrationEventHandlers,
    IReadOnlyList<Jobs.RecurringJobRegistration> RecurringJobs,
    IReadOnlyList<RequiredService> RequiredServices)
{
    public string Id => Module.Id;
}

/// <summary>The modules and plugins the host runs, in dependency order. Later modules (permissions, menus) read it.</summary>
public sealed class ModuleCatalog(IReadOnlyList<ModuleDescriptor> modules)
{
    public IReadOnlyList<ModuleDescriptor> Modules { get; } = modules;
}

/// <summary>Marks an endpoint with the module that mapped it, so a failed plugin's endpoints can answer 404 plugin-unavailable.</summary>
public sealed record ModuleEndpointMetadata(string ModuleId);
