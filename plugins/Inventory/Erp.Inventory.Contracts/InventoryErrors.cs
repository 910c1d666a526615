namespace Erp.Inventory;

/// <summary>Stable error codes of inventory; clients branch on these.</summary>
public static class InventoryErrors
{
    public const string WarehouseNotFound = "inventory.warehouse.not-found";
    public const string WarehouseCodeTaken = "inventory.warehouse.code-taken";
    public const string WarehouseInactive = "inventory.warehouse.inactive";
    public const string LocationNotFound = "inventory.location.not-found";
    public const string LocationCodeTaken = "inventory.location.code-taken";
    public const string LocationInUse = "inventory.location.in-use";
    public const string ProductNotStocked = "inventory.product.not-stocked";
    public const string InsufficientStock = "inventory.stock.insufficient";
    public const string MoveNotFound = "inventory.move.not-found";
    public const string MoveReversed = "inventory.move.already-reversed";
    public const string ReversalNotReversible = "inventory.move.reversal";
    public const string TransferSameLocation = "inventory.transfer.same-location";
    public const string ReservationNotFound = "inventory.reservation.not-found";
    public const string ReservationExists = "inventory.reservation.exists";
    public const string ReservationClosed = "inventory.reservation.closed";
    public const string DeliveryExceedsReservation = "inventory.reservation.exceeded";
}
