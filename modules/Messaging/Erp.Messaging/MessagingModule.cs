using Erp.Kernel;
using Erp.Kernel.Modularity;
using Erp.Messaging.Application;
using Erp.Messaging.Data;
using Erp.Messaging.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Messaging;

/// <summary>
/// Integration events through a transactional outbox. Modules publish with <c>ModuleDbContext.Publish</c> (stored
/// in their own save's transaction) and handle with <c>ModuleServices.AddIntegrationEventHandler</c>; this module
/// owns the tables and delivers: once per handler across instances, retried with back-off, dead after the last
/// attempt, visible and retryable through its admin API; delivered events are purged nightly after
/// <c>Messaging:RetainDelivered</c>. Writes sent with an <c>Idempotency-Key</c> run once (<see cref="IdempotencyMiddleware"/>).
/// </summary>
public sealed class MessagingModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(MessagingJsonContext.Default);
        module.AddDbContext<MessagingDbContext>()
            .AddRecurringJob<PurgeDeliveredEvents>(PurgeDeliveredEvents.Id, "0 3 * * *")
            .AddRecurringJob<PurgeIdempotencyKeys>(PurgeIdempotencyKeys.Id, "17 * * * *");
        module.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section);
        var options = module.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        if (options.Delivers) module.Services.AddSingleton<DeliveryRunner>().AddHostedService<OutboxDispatcher>();
        else if (options.Concurrency < 0)
            throw new InvalidOperationException($"{MessagingOptions.Section}:{nameof(MessagingOptions.Concurrency)} is {options.Concurrency}: "
                + "set how many deliveries this instance runs at once, or 0 for an instance that delivers none.");
        module.Services.AddOutboxMetrics();
        module.Services.AddScoped<DeliveryService>();
        module.Services.AddValidation();

        foreach (var permission in MessagingPermissions.All) module.Permissions.Add(permission);
        module.Menu.Add(new MenuItemDefinition("Administration/Event deliveries", "/admin/deliveries", MessagingPermissions.Deliveries, Order: 60));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Messaging", "Integration event deliveries: pending, delivered and dead, and retrying dead ones."));
    }

    public override void ConfigureMiddleware(IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapDeliveryEndpoints();
}
