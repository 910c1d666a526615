using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Erp.Permissions.Application;
using Erp.Permissions.Data;
using Erp.Permissions.Events;
using Erp.Permissions.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Permissions;

/// <summary>
/// Permissions: collects the definitions every module and plugin makes, stores grants, and answers
/// permission checks from one cached set per caller.
/// </summary>
[DependsOn("Erp.Caching", "Erp.Messaging")]
public sealed class PermissionsModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(PermissionsJsonContext.Default);
        module.AddDbContext<PermissionsDbContext>();
        module.Services.AddSingleton<PermissionDefinitions>().AddSingleton<PermissionCatalog>()
            .AddSingleton<IPermissionCatalog>(provider => provider.GetRequiredService<PermissionCatalog>());
        module.Services.AddSingleton<PermissionChecker>()
            .AddSingleton<IPermissionChecker>(s => s.GetRequiredService<PermissionChecker>());
        module.AddIntegrationEventHandler<PermissionSubjectRemovedIntegrationEvent, RemoveGrantsOfRemovedSubject>()
            .AddIntegrationEventHandler<PermissionSubjectChangedIntegrationEvent, DropPermissionsOfChangedSubject>();
        module.Services.AddScoped<GrantService>().AddScoped<IRolePermissions>(s => s.GetRequiredService<GrantService>());
        module.Services.AddValidation();
        module.RequireService<IPermissionSubjects>(providedBy: "the identity module");

        foreach (var permission in GrantPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Permissions", "/admin/permissions", GrantPermissions.Default, Order: 30));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Permissions", "The permission tree, and grants to roles, users and integration clients."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapGrantEndpoints();

    // Builds the definition tree now, so a duplicate or dangling definition is logged at start-up.
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<PermissionDefinitions>().Groups;
        return Task.CompletedTask;
    }
}
