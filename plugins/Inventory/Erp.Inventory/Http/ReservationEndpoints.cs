using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Inventory.Http;

internal static class ReservationEndpoints
{
    public static void MapReservationEndpoints(this IEndpointRouteBuilder api)
    {
        var reservations = api.MapGroup("/api/inventory/reservations").WithTags("Stock reservations").WithStandardProblems();
        reservations.MapGet("/{reference}", GetAsync).WithName("GetStockReservation").RequirePermission(InventoryPermissions.Stock);
        reservations.MapPost("", ReserveAsync).WithName("ReserveStock").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Promises stock to a document: every line, or none (409 inventory.stock.insufficient).");
        reservations.MapPost("/{reference}/deliveries", DeliverAsync).WithName("DeliverReservedStock").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Issues reserved units, all or part of them.");
        reservations.MapPost("/{reference}/release", ReleaseAsync).WithName("ReleaseStockReservation").RequirePermission(InventoryPermissions.MoveStock)
            .WithSummary("Gives back what is still reserved.");
    }

    private static async Task<Ok<ReservationDto>> GetAsync(string reference, IStockReservations reservations, CancellationToken ct) =>
        TypedResults.Ok(await reservations.GetAsync(reference, ct));

    private static async Task<Created<ReservationDto>> ReserveAsync(ReserveStockRequest body, IStockReservations reservations, CancellationToken ct)
    {
        var reservation = await reservations.ReserveAsync(body, ct);
        return TypedResults.Created($"/api/inventory/reservations/{Uri.EscapeDataString(reservation.Reference)}", reservation);
    }

    private static async Task<Ok<IReadOnlyList<StockMoveDto>>> DeliverAsync(string reference, DeliverReservedRequest body, IStockReservations reservations, CancellationToken ct) =>
        TypedResults.Ok(await reservations.DeliverAsync(reference, body, ct));

    private static async Task<Ok<ReservationDto>> ReleaseAsync(string reference, IStockReservations reservations, CancellationToken ct) =>
        TypedResults.Ok(await reservations.ReleaseAsync(reference, ct));
}
