using Erp.Catalog;
using Erp.Inventory.Application;
using Erp.Inventory.Data;
using Erp.Inventory.Http;
using Erp.Kernel;
using Erp.Kernel.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Inventory;

/// <summary>
/// The inventory plugin: warehouses and their locations, an append-only stock ledger with balances kept beside it,
/// reservations for documents, moving average cost and reorder levels. Sales reserves and delivers through
/// <c>Erp.Inventory.Contracts</c> (<see cref="IStockReservations"/>), inside the kernel's unit of work.
/// </summary>
[DependsOn("Erp.Catalog", "Erp.Companies")]
public sealed class InventoryModule : ErpModule
{
    public override void ConfigureServices(ModuleServices module)
    {
        module.AddJsonTypes(InventoryJsonContext.Default);
        module.AddDbContext<InventoryDbContext>().AddSeeder<InventoryDemoSeeder>();
        module.Services.AddInventoryMetrics();
        module.Services.AddScoped<StockLedger>().AddScoped<StockChecks>().AddScoped<WarehouseService>().AddScoped<IWarehouses>(provider => provider.GetRequiredService<WarehouseService>()).AddScoped<StockService>()
            .AddScoped<IStockReservations, ReservationService>();
        module.Services.AddValidation();

        // Automations on products (catalog.product) may run when one's stock falls below its reorder level.
        module.AddRecordEvent<StockBelowReorderLevelIntegrationEvent>(CatalogEntities.Product, "stock_below_reorder_level", "Stock below its reorder level",
            e => (e.ProductId, e.CompanyId));
        foreach (var permission in InventoryPermissions.All) module.Permissions.Add(permission);
        module.OpenApiTags.Add(new OpenApiTagDefinition("Warehouses", "Warehouses, their locations and the reorder levels of their products."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Stock", "The stock ledger (never changed: mistakes are reversed), balances per location, average costs."));
        module.OpenApiTags.Add(new OpenApiTagDefinition("Stock reservations", "Stock promised to documents such as sales orders; delivered or released."));
    }

    public override void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapWarehouseEndpoints();
        api.MapStockEndpoints();
        api.MapReservationEndpoints();
    }
}
