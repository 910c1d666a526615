using Erp.Inventory.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Inventory.Http;

internal static class WarehouseEndpoints
{
    public static void MapWarehouseEndpoints(this IEndpointRouteBuilder api)
    {
        var warehouses = api.MapGroup("/api/inventory/warehouses").WithTags("Warehouses").WithStandardProblems();
        warehouses.MapGet("", ListAsync).WithName("ListWarehouses").RequirePermission(InventoryPermissions.Stock)
            .WithSummary("The warehouses of the caller's companies by code, with their locations; narrowed to a company.");
        warehouses.MapGet("/{id:guid}", GetAsync).WithName("GetWarehouse").RequirePermission(InventoryPermissions.Stock);
        warehouses.MapPost("", CreateAsync).WithName("CreateWarehouse").RequirePermission(InventoryPermissions.ManageWarehouses)
            .WithSummary("Adds a warehouse with its locations to the request's company; the first location takes stock no document places.");
        warehouses.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateWarehouse").RequirePermission(InventoryPermissions.ManageWarehouses)
            .WithSummary("Changes the warehouse and replaces its list of locations; a location stock has moved through cannot be left out.");
        warehouses.MapGet("/{id:guid}/reorder-levels", ReorderLevelsAsync).WithName("ListReorderLevels").RequirePermission(InventoryPermissions.Stock);
        warehouses.MapPut("/{id:guid}/reorder-levels/{productId:guid}", SetReorderLevelAsync).WithName("SetReorderLevel")
            .RequirePermission(InventoryPermissions.ManageWarehouses)
            .WithSummary("Below this many available units, inventory publishes StockBelowReorderLevel (automations can act on it).");
        warehouses.MapDelete("/{id:guid}/reorder-levels/{productId:guid}", RemoveReorderLevelAsync).WithName("RemoveReorderLevel")
            .RequirePermission(InventoryPermissions.ManageWarehouses);
    }

    private static async Task<Ok<IReadOnlyList<WarehouseDto>>> ListAsync(WarehouseService warehouses, CancellationToken ct, Guid? companyId = null) =>
        TypedResults.Ok(await warehouses.ListAsync(companyId, ct));

    private static async Task<Ok<WarehouseDto>> GetAsync(Guid id, WarehouseService warehouses, CancellationToken ct) => TypedResults.Ok(await warehouses.GetAsync(id, ct));

    private static async Task<Created<WarehouseDto>> CreateAsync(SaveWarehouseRequest body, WarehouseService warehouses, CancellationToken ct)
    {
        var warehouse = await warehouses.CreateAsync(body, ct);
        return TypedResults.Created($"/api/inventory/warehouses/{warehouse.Id}", warehouse);
    }

    private static async Task<Ok<WarehouseDto>> UpdateAsync(Guid id, SaveWarehouseRequest body, WarehouseService warehouses, CancellationToken ct) =>
        TypedResults.Ok(await warehouses.UpdateAsync(id, body, ct));

    private static async Task<Ok<IReadOnlyList<ReorderLevelDto>>> ReorderLevelsAsync(Guid id, WarehouseService warehouses, CancellationToken ct) =>
        TypedResults.Ok(await warehouses.ReorderLevelsAsync(id, ct));

    private static async Task<Ok<ReorderLevelDto>> SetReorderLevelAsync(Guid id, Guid productId, SetReorderLevelRequest body, WarehouseService warehouses, CancellationToken ct) =>
        TypedResults.Ok(await warehouses.SetReorderLevelAsync(id, productId, body.Minimum, ct));

    private static async Task<NoContent> RemoveReorderLevelAsync(Guid id, Guid productId, WarehouseService warehouses, CancellationToken ct)
    {
        await warehouses.RemoveReorderLevelAsync(id, productId, ct);
        return TypedResults.NoContent();
    }
}
