using Erp.Companies;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Kernel.Security;
using Erp.LowCode.Application;
using Erp.LowCode.Data;
using Erp.LowCode.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Erp.LowCode;

/// <summary>
/// The low-code engine: entities administrators define at run time, each a real PostgreSQL table under <c>data</c>, created
/// and changed by DDL made from the definition (never EAV), in one transaction per change.
/// </summary>
[DependsOn("Erp.Permissions", "Erp.Caching", "Erp.Messaging", "Erp.Emailing", "Erp.BlobStoring", "Erp.Companies")]
public sealed class LowCodeModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(LowCodeJsonContext.Default);
        module.AddDbContext<LowCodeDbContext>();
        module.Services.AddSingleton<PostgresKeywords>().AddScoped<DefinitionService>().AddValidation()
            .AddSingleton<IRuntimePermissionSource, LowCodePermissionSource>()
            .AddSingleton<EntityModels>().AddScoped<DataService>().AddSingleton<ImportProgress>()
            .AddSingleton<ExtensionModels>().AddScoped<IExtraFields, ExtraFields>().AddScoped<ExtensionWorkflows>()
            .AddScoped<AutomationScopes>().AddScoped<IRecordEventAutomations, RecordEventAutomations>()
            .AddSingleton<WebhookTargets>().AddSingleton<WebhookSubscriptions>().AddScoped<WebhookService>().AddScoped<SavedViewService>()
            .AddSingleton<LowCodeMenuSource>().AddSingleton<IRuntimeMenuSource>(services => services.GetRequiredService<LowCodeMenuSource>())
            .AddSingleton<Microsoft.AspNetCore.OpenApi.IOpenApiDocumentTransformer, LowCodeOpenApi>();
        module.Services.AddOptions<WebhookSettings>().BindConfiguration("LowCode:Webhooks");
        module.Services.AddHttpClient(SendWebhook.Client, (services, client) => client.Timeout = services.GetRequiredService<IOptions<WebhookSettings>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<WebhookTargets>().Handler());
        module.AddIntegrationEventHandler<RecordChangedIntegrationEvent, QueueWebhookDeliveries>()
            .AddIntegrationEventHandler<WebhookDeliveryRequestedIntegrationEvent, SendWebhook>()
            .AddIntegrationEventHandler<AutomationTriggeredIntegrationEvent, RunAutomation>()
            .AddRecurringJob<RunScheduledAutomations>(RunScheduledAutomations.Id, "* * * * *");
        module.Services.AddSingleton(AutomationMail.Template).AddSingleton<Erp.BlobStoring.IRuntimeAttachableEntities, LowCodeAttachables>();
        module.RequireService<IPermissionCatalog>(providedBy: "the permissions module");
        module.RequireService<ITeamDirectory>(providedBy: "the companies module");
        foreach (var permission in LowCodePermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Entities", "/admin/low-code/entities", LowCodePermissions.Definitions, Order: 80));
        module.Menu.Add(new MenuItemDefinition("Administration/Webhooks", "/admin/low-code/webhooks", LowCodePermissions.Webhooks, Order: 81));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Low-code", "Entities administrators define at run time, and the tables they become."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Low-code data", "The records of low-code entities."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapDefinitionEndpoints();
        api.MapDataEndpoints();
        api.MapWebhookEndpoints();
    }
}
