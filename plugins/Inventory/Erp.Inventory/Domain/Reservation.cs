using Erp.Kernel.Domain;

namespace Erp.Inventory.Domain;

/// <summary>Stock promised to one document (a sales order), per product and location, until delivered or released.</summary>
public sealed class Reservation : AuditedAggregateRoot, ICompanyOwned
{
    private Reservation() { } // for EF Core

    public Reservation(string reference, Guid warehouseId) => (Reference, WarehouseId) = (reference, warehouseId);

    public Guid CompanyId { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid WarehouseId { get; private set; }
    public ReservationStatus Status { get; private set; }
    public List<ReservationLine> Lines { get; private set; } = [];

    public void Add(Guid productId, Guid locationId, decimal quantity) => Lines.Add(new ReservationLine(Lines.Count + 1, productId, locationId, quantity));

    /// <summary>The lines to deliver <paramref name="quantity"/> of the product from, and how much from each, oldest location first.</summary>
    public IReadOnlyList<(ReservationLine Line, decimal Quantity)> Deliver(Guid productId, decimal quantity)
    {
        Check(ReservationRules.MustBeOpen(this));
        var open = Lines.Where(l => l.ProductId == productId && l.Open > 0).OrderBy(l => l.Number).ToList();
        Check(ReservationRules.DeliveryWithinReserved(productId, quantity, open.Sum(l => l.Open)));
        var taken = new List<(ReservationLine, decimal)>();
        foreach (var line in open)
        {
            var part = Math.Min(line.Open, quantity);
            if (part <= 0) break;
            line.Deliver(part);
            taken.Add((line, part));
            quantity -= part;
        }

        if (Lines.All(l => l.Open == 0)) Status = ReservationStatus.Delivered;
        return taken;
    }

    /// <summary>Gives back what is still open; the lines say how much each location gets back.</summary>
    public IReadOnlyList<(ReservationLine Line, decimal Quantity)> Release()
    {
        Check(ReservationRules.MustBeOpen(this));
        var released = Lines.Where(l => l.Open > 0).OrderBy(l => l.Number).Select(l => (l, l.Open)).ToList();
        foreach (var (line, _) in released) line.Release();
        Status = ReservationStatus.Released;
        return released;
    }
}

public sealed class ReservationLine : Entity<Guid>, ICompanyOwned
{
    private ReservationLine() { } // for EF Core

    internal ReservationLine(int number, Guid productId, Guid locationId, decimal quantity)
    {
        Id = Guid.CreateVersion7();
        (Number, ProductId, LocationId, Quantity) = (number, productId, locationId, quantity);
    }

    public Guid CompanyId { get; private set; }

    /// <summary>Its place in the reservation: units are delivered from the lines in this order (the warehouse's location order).</summary>
    public int Number { get; private set; }
    public Guid ProductId { get; private set; }
    public Guid LocationId { get; private set; }
    public decimal Quantity { get; private set; }
    public decimal Delivered { get; private set; }
    public decimal Released { get; private set; }

    public decimal Open => Quantity - Delivered - Released;

    internal void Deliver(decimal quantity) => Delivered += quantity;

    internal void Release() => Released += Open;
}

public static class ReservationRules
{
    public static BusinessRule ReferenceMustBeNew(string reference, bool taken) => new(InventoryErrors.ReservationExists, taken, reference);

    public static BusinessRule MustBeOpen(Reservation reservation) =>
        new(InventoryErrors.ReservationClosed, reservation.Status != ReservationStatus.Open, reservation.Reference);

    public static BusinessRule DeliveryWithinReserved(Guid productId, decimal wanted, decimal open) =>
        new(InventoryErrors.DeliveryExceedsReservation, wanted > open, productId, wanted, open);
}

/// <summary>Below this many available units of the product in the warehouse, inventory says so (an integration event).</summary>
public sealed class ReorderLevel : ICompanyOwned
{
    private ReorderLevel() { } // for EF Core

    public ReorderLevel(Guid warehouseId, Guid productId, decimal minimum) => (WarehouseId, ProductId, Minimum) = (warehouseId, productId, minimum);

    public Guid CompanyId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal Minimum { get; private set; }

    public void Change(decimal minimum) => Minimum = minimum;
}
