using System.ComponentModel.DataAnnotations;

namespace Erp.Inventory;

/// <param name="Reference">The document the stock is promised to (a sales order's number): one reservation each.</param>
public sealed record ReserveStockRequest(
    [Required, StringLength(StockLimits.MaxReference)] string Reference, Guid WarehouseId,
    [Required, MinLength(1), MaxLength(StockLimits.MaxLines)] IReadOnlyList<StockLine> Lines);

/// <param name="Reference">The delivery note's number, written on its moves.</param>
public sealed record DeliverReservedRequest(
    [StringLength(StockLimits.MaxReference)] string? Reference,
    [Required, MinLength(1), MaxLength(StockLimits.MaxLines)] IReadOnlyList<StockLine> Lines);

public enum ReservationStatus
{
    Open,
    Delivered,
    Released,
}

public sealed record ReservationDto(Guid Id, Guid CompanyId, string Reference, Guid WarehouseId, ReservationStatus Status, IReadOnlyList<ReservationLineDto> Lines);

/// <param name="Open">Reserved and neither delivered nor released yet.</param>
public sealed record ReservationLineDto(Guid ProductId, Guid LocationId, decimal Quantity, decimal Delivered, decimal Open);

/// <summary>
/// Stock promised to documents, for sales through inventory's Contracts. Each call writes in the caller's transaction when
/// it runs inside the kernel's unit of work (confirming an order and reserving its stock commit together); alone, in its own.
/// </summary>
public interface IStockReservations
{
    /// <summary>Reserves every line in the warehouse, or none: 409 <c>inventory.stock.insufficient</c> when any is short.</summary>
    Task<ReservationDto> ReserveAsync(ReserveStockRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves for a document whose number is drawn only once its stock is there: <paramref name="reference"/> is called
    /// with the balances locked and enough found, just before the reservation is written, so a gap-free number drawn in it
    /// (its series row locked until commit) holds up the next document's number for as short a time as can be.
    /// </summary>
    Task<ReservationDto> ReserveAsync(Guid warehouseId, IReadOnlyList<StockLine> lines, Func<CancellationToken, Task<string>> reference,
        CancellationToken cancellationToken);

    /// <summary>Issues reserved units to the customer (part of them, if the rest comes later); 409 beyond what is reserved.</summary>
    Task<IReadOnlyList<StockMoveDto>> DeliverAsync(string reference, DeliverReservedRequest request, CancellationToken cancellationToken);

    /// <summary>Gives back what is still reserved (the order was cancelled or closed short).</summary>
    Task<ReservationDto> ReleaseAsync(string reference, CancellationToken cancellationToken);

    Task<ReservationDto> GetAsync(string reference, CancellationToken cancellationToken);
}
