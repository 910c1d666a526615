using Erp.BlobStoring;
using Erp.Kernel;
using Erp.Kernel.Data;
using Erp.Kernel.Modularity;
using Erp.Printing;
using Erp.Sales.Application;
using Erp.Sales.Data;
using Erp.Sales.Domain;
using Erp.Sales.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Sales;

/// <summary>
/// The sales plugin: quotations that become orders, delivered in parts, with taxes and totals computed on the server.
/// Reads products, customers and prices through the catalog's Contracts and reserves and issues stock through inventory's,
/// in the kernel's unit of work. Invoicing reads orders through <c>Erp.Sales.Contracts</c> (<see cref="ISalesOrders"/>).
/// </summary>
[DependsOn("Erp.Catalog", "Erp.Inventory", "Erp.Companies", "Erp.BlobStoring", "Erp.Printing")]
public sealed class SalesModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(SalesJsonContext.Default);
        module.AddDbContext<SalesDbContext>().AddSeeder<SalesDemoSeeder>();
        module.Services.AddSalesMetrics();
        module.Services.AddScoped<SalesPricing>().AddScoped<SalesOrderService>()
            .AddScoped<ISalesOrders>(provider => provider.GetRequiredService<SalesOrderService>())
            .AddScoped<SalesDocuments>().AddScoped<SalesStatistics>();
        var assembly = typeof(SalesModule).Assembly;
        module.Services.AddSingleton(PrintTemplateDefinition.FromResource(assembly, "Documents.order.liquid", SalesDocuments.OrderTemplate,
                "Quotation and order confirmation", SalesOrderDocument.Sample))
            .AddSingleton(PrintTemplateDefinition.FromResource(assembly, "Documents.delivery-note.liquid", SalesDocuments.DeliveryNoteTemplate,
                "Delivery note", DeliveryNoteDocument.Sample))
            .AddSingleton(new AttachableEntityDefinition(SalesDocuments.EntityType, SalesPermissions.Orders, SalesPermissions.ManageOrders,
                (services, id, ct) => Guid.TryParse(id, out var orderId) ? services.GetRequiredService<SalesOrderService>().ExistsAsync(orderId, ct) : Task.FromResult(false)));
        // Administrators may give orders fields and workflows of their own; low-code records may refer to them.
        module.Services.AddSingleton(new ExtensibleEntityDefinition(SalesEntities.Order, "Sales order", typeof(SalesOrder), SalesDbContext.Schema, "orders",
            SalesPermissions.Orders, SalesPermissions.ManageOrders, [typeof(SalesOrderDto), typeof(SaveSalesOrderRequest)], DisplayColumn: "quotation_number"));
        module.RequireService<IExtraFields>(providedBy: "the low-code module");
        module.AddRecordEvent<SalesOrderConfirmedIntegrationEvent>(SalesEntities.Order, "confirmed", "Order confirmed", e => (e.OrderId, e.CompanyId))
            .AddRecordEvent<SalesOrderDeliveredIntegrationEvent>(SalesEntities.Order, "delivered", "Delivery recorded", e => (e.OrderId, e.CompanyId))
            .AddRecordEvent<SalesOrderCancelledIntegrationEvent>(SalesEntities.Order, "cancelled", "Order cancelled", e => (e.OrderId, e.CompanyId));
        module.Services.AddValidation();

        foreach (var permission in SalesPermissions.All) module.Permissions.Add(permission);
        foreach (var setting in SalesSettings.All) module.Settings.Add(setting);
        module.OpenApiTags.Add(new OpenApiTagDefinition("Sales orders", "Quotations, their confirmation into orders, deliveries and cancellation."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapSalesOrderEndpoints();
}
