using System.ComponentModel.DataAnnotations;

namespace Erp.Inventory;

public static class StockLimits
{
    public const string MinQuantity = "0.0001";
    public const string MaxQuantity = "1000000000";
    public const string MaxCost = "1000000000";
    public const int MaxReference = 100;
    public const int MaxNote = 1000;
    public const int MaxLines = 500;
}

/// <summary>What a stock move did. A move is never changed or deleted: a mistake is corrected by its reversal.</summary>
public enum StockMoveKind
{
    Receipt,
    Issue,
    TransferOut,
    TransferIn,
    Adjustment,
    Delivery,
    Reversal,
}

/// <summary>Why stock was adjusted: what a stock-taking or an incident found.</summary>
public enum AdjustmentReason
{
    Counted,
    Damaged,
    Lost,
    Found,
    Other,
}

/// <param name="Quantity">Signed: into the location above zero, out of it below.</param>
/// <param name="UnitCost">What a unit of the move is valued at: a receipt's price, else the moving average cost when it was made.</param>
/// <param name="Reference">The document it belongs to (a delivery note, an order number), as its author wrote it.</param>
/// <param name="ReversesId">For a reversal, the move it takes back.</param>
/// <param name="TransferId">The two moves of one transfer share it.</param>
public sealed record StockMoveDto(
    Guid Id, Guid CompanyId, StockMoveKind Kind, Guid ProductId, Guid WarehouseId, Guid LocationId, decimal Quantity, decimal UnitCost,
    string? Reference, AdjustmentReason? Reason, string? Note, Guid? ReversesId, Guid? ReversedById, Guid? TransferId, DateTimeOffset At, Guid? By);

/// <param name="Available">On hand less reserved: what can still be promised.</param>
public sealed record StockBalanceDto(Guid ProductId, Guid WarehouseId, Guid LocationId, decimal OnHand, decimal Reserved, decimal Available);

/// <summary>A product whose available stock in a warehouse is below the reorder level set there.</summary>
public sealed record LowStockDto(Guid ProductId, Guid WarehouseId, decimal Available, decimal Minimum);

/// <summary>A product's stock in one warehouse, and what it is valued at.</summary>
public sealed record ProductStockDto(Guid ProductId, Guid WarehouseId, decimal OnHand, decimal Reserved, decimal Available, decimal AverageCost);

/// <param name="LocationId">Left out: the warehouse's first location.</param>
public sealed record ReceiveStockRequest(
    Guid WarehouseId, Guid? LocationId, [StringLength(StockLimits.MaxReference)] string? Reference,
    [Required, MinLength(1), MaxLength(StockLimits.MaxLines)] IReadOnlyList<ReceiptLine> Lines);

/// <param name="UnitCost">The price paid per unit, in the company's currency: it moves the product's average cost.</param>
public sealed record ReceiptLine(
    Guid ProductId,
    [Range(typeof(decimal), StockLimits.MinQuantity, StockLimits.MaxQuantity)] decimal Quantity,
    [Range(typeof(decimal), "0", StockLimits.MaxCost)] decimal UnitCost);

/// <param name="LocationId">Left out: the warehouse's first location.</param>
public sealed record IssueStockRequest(
    Guid WarehouseId, Guid? LocationId, [StringLength(StockLimits.MaxReference)] string? Reference,
    [Required, MinLength(1), MaxLength(StockLimits.MaxLines)] IReadOnlyList<StockLine> Lines);

public sealed record StockLine(Guid ProductId, [Range(typeof(decimal), StockLimits.MinQuantity, StockLimits.MaxQuantity)] decimal Quantity);

public sealed record TransferStockRequest(
    Guid ProductId, Guid FromLocationId, Guid ToLocationId,
    [Range(typeof(decimal), StockLimits.MinQuantity, StockLimits.MaxQuantity)] decimal Quantity,
    [StringLength(StockLimits.MaxReference)] string? Reference);

/// <param name="Change">Signed: found or counted more above zero, lost or damaged below.</param>
/// <param name="Note">Required when the reason is Other.</param>
public sealed record AdjustStockRequest(
    Guid LocationId, Guid ProductId,
    [Range(typeof(decimal), "-" + StockLimits.MaxQuantity, StockLimits.MaxQuantity)] decimal Change,
    AdjustmentReason Reason,
    [StringLength(StockLimits.MaxNote)] string? Note);

/// <summary>Which moves the ledger shows, newest first: all of the caller's companies unless narrowed.</summary>
public sealed record StockMoveFilter(Guid? ProductId = null, Guid? WarehouseId = null, string? Reference = null);
