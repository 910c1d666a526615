using System.ComponentModel.DataAnnotations;
using Erp.Inventory.Application;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Inventory.Http;

internal static class StockEndpoints
{
    public static void MapStockEndpoints(this IEndpointRouteBuilder api)
    {
        var stock = api.MapGroup("/api/inventory").WithTags("Stock").WithStandardProblems();
        stock.MapGet("/stock", ProductStockAsync).WithName("GetProductStock").RequirePermission(InventoryPermissions.Stock)
            .WithSummary("On hand, reserved and available per product and warehouse, with the product's moving average cost.");
        stock.MapGet("/balances", BalancesAsync).WithName("ListStockBalances").RequirePermission(InventoryPermissions.Stock)
            .WithSummary("On hand, reserved and available per product and location (locations holding nothing left out).");
        stock.MapGet("/low-stock", LowStockAsync).WithName("ListLowStock").RequirePermission(InventoryPermissions.Stock)
            .WithSummary("The products whose available stock in a warehouse is below its reorder level, the furthest below first; narrowed to a warehouse.");
        stock.MapGet("/moves", MovesAsync).WithName("ListStockMoves").RequirePermission(InventoryPermissions.Stock)
            .WithSummary("The stock ledger, newest first: every receipt, issue, transfer, adjustment, delivery and reversal.");
        stock.MapPost("/receipts", ReceiveAsync).WithName("ReceiveStock").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Puts units into a location at their unit cost, which moves each product's average cost.");
        stock.MapPost("/issues", IssueAsync).WithName("IssueStock").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Takes units out of a location at the average cost; never more than is available unless the warehouse allows negative stock.");
        stock.MapPost("/transfers", TransferAsync).WithName("TransferStock").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Moves units from one location to another, in one warehouse or between two.");
        stock.MapPost("/adjustments", AdjustAsync).WithName("AdjustStock").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Corrects what a location holds, with the reason (counted, damaged, lost, found, other with a note).");
        stock.MapPost("/moves/{id:guid}/reversal", ReverseAsync).WithName("ReverseStockMove").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Takes a move back with a move of its own (both moves of a transfer); a move is reversed once.");
    }

    private static async Task<Ok<IReadOnlyList<ProductStockDto>>> ProductStockAsync(StockService stock, CancellationToken ct, Guid? warehouseId = null, Guid? productId = null) =>
        TypedResults.Ok(await stock.ProductStockAsync(warehouseId, productId, ct));

    private static async Task<Ok<IReadOnlyList<StockBalanceDto>>> BalancesAsync(StockService stock, CancellationToken ct, Guid? warehouseId = null, Guid? productId = null) =>
        TypedResults.Ok(await stock.BalancesAsync(warehouseId, productId, ct));

    private static async Task<Ok<IReadOnlyList<LowStockDto>>> LowStockAsync(StockService stock, CancellationToken ct, Guid? warehouseId = null) =>
        TypedResults.Ok(await stock.LowStockAsync(warehouseId, ct));

    private static async Task<Ok<Page<StockMoveDto>>> MovesAsync(StockService stock, CancellationToken ct, Guid? productId = null, Guid? warehouseId = null,
        [StringLength(StockLimits.MaxReference)] string? reference = null, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 500)] int take = 100) =>
        TypedResults.Ok(await stock.MovesAsync(new StockMoveFilter(productId, warehouseId, reference), skip, take, ct));

    private static async Task<Ok<IReadOnlyList<StockMoveDto>>> ReceiveAsync(ReceiveStockRequest body, StockService stock, CancellationToken ct) =>
        TypedResults.Ok(await stock.ReceiveAsync(body, ct));

    private static async Task<Ok<IReadOnlyList<StockMoveDto>>> IssueAsync(IssueStockRequest body, StockService stock, CancellationToken ct) =>
        TypedResults.Ok(await stock.IssueAsync(body, ct));

    private static async Task<Ok<IReadOnlyList<StockMoveDto>>> TransferAsync(TransferStockRequest body, StockService stock, CancellationToken ct) =>
        TypedResults.Ok(await stock.TransferAsync(body, ct));

    private static async Task<Ok<StockMoveDto>> AdjustAsync(AdjustStockRequest body, StockService stock, CancellationToken ct) =>
        TypedResults.Ok(await stock.AdjustAsync(body, ct));

    private static async Task<Ok<IReadOnlyList<StockMoveDto>>> ReverseAsync(Guid id, StockService stock, CancellationToken ct) =>
        TypedResults.Ok(await stock.ReverseAsync(id, ct));
}
