using Erp.Kernel.Domain;

namespace Erp.Inventory.Domain;

/// <summary>
/// One line of the stock ledger: a quantity into (above zero) or out of (below zero) a location, valued per unit. Never
/// changed or deleted (the table refuses it too): a mistake is taken back by a reversal, a move of its own.
/// </summary>
public sealed class StockMove : Entity<Guid>, ICompanyOwned
{
    private StockMove() { } // for EF Core

    public StockMove(StockMoveKind kind, Location location, Guid productId, decimal quantity, decimal unitCost, MoveContext context)
    {
        Id = Guid.CreateVersion7();
        (Kind, WarehouseId, LocationId, ProductId, Quantity, UnitCost) = (kind, location.WarehouseId, location.Id, productId, quantity, unitCost);
        (Reference, At, By) = (context.Reference, context.At, context.By);
    }

    public Guid CompanyId { get; private set; }
    public StockMoveKind Kind { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public Guid LocationId { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal UnitCost { get; private set; }
    public string? Reference { get; private set; }
    public AdjustmentReason? Reason { get; private set; }
    public string? Note { get; private set; }
    public Guid? ReversesId { get; private set; }
    public Guid? TransferId { get; private set; }
    public Guid? ReservationId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? By { get; private set; }

    public static StockMove Adjustment(Location location, Guid productId, decimal change, decimal unitCost, AdjustmentReason reason, string? note, MoveContext context) =>
        new(StockMoveKind.Adjustment, location, productId, change, unitCost, context) { Reason = reason, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() };

    public static (StockMove Out, StockMove In) Transfer(Location from, Location to, Guid productId, decimal quantity, decimal unitCost, MoveContext context)
    {
        var transferId = Guid.CreateVersion7();
        return (new StockMove(StockMoveKind.TransferOut, from, productId, -quantity, unitCost, context) { TransferId = transferId },
            new StockMove(StockMoveKind.TransferIn, to, productId, quantity, unitCost, context) { TransferId = transferId });
    }

    public static StockMove Delivery(Location location, Guid productId, decimal quantity, decimal unitCost, Guid reservationId, MoveContext context) =>
        new(StockMoveKind.Delivery, location, productId, -quantity, unitCost, context) { ReservationId = reservationId };

    /// <summary>This move taken back: the same quantity the other way, at the same cost, in the same place.</summary>
    public StockMove Reverse(Location location, MoveContext context)
    {
        if (Kind == StockMoveKind.Reversal) throw new BusinessRuleException(InventoryErrors.ReversalNotReversible, Id);
        return new StockMove(StockMoveKind.Reversal, location, ProductId, -Quantity, UnitCost, context) { ReversesId = Id, TransferId = TransferId };
    }
}

/// <summary>What every move of one use case shares: its document, when, and by whom.</summary>
public sealed record MoveContext(string? Reference, DateTimeOffset At, Guid? By);
