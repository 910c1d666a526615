using Erp.Kernel.Domain;

namespace Erp.Inventory.Domain;

/// <summary>
/// What one location holds of one product, and how much of it is promised: kept in the same transaction as every move
/// and reservation, with the row locked meanwhile, so concurrent writers see each other's result and never oversell.
/// </summary>
public sealed class StockBalance : ICompanyOwned
{
    private StockBalance() { } // rows are created by the ledger's upsert (StockLedger), loaded locked

    public Guid CompanyId { get; private set; }
    public Guid WarehouseId { get; private set; }
    public Guid LocationId { get; private set; }
    public Guid ProductId { get; private set; }
    public decimal OnHand { get; private set; }
    public decimal Reserved { get; private set; }

    public decimal Available => OnHand - Reserved;

    /// <summary>Applies a move; one that takes out more than is free (on hand and not promised) is refused unless allowed.</summary>
    public void Apply(StockMove move, bool allowNegative)
    {
        if (move.Quantity < 0 && !allowNegative) Check(StockRules.EnoughAvailable(ProductId, -move.Quantity, Available));
        OnHand += move.Quantity;
    }

    /// <summary>Takes out units reserved before (a delivery): they stop being on hand and promised at once.</summary>
    public void ApplyReserved(StockMove delivery)
    {
        OnHand += delivery.Quantity;
        Reserved += delivery.Quantity;
    }

    public void Reserve(decimal quantity) => Reserved += quantity;

    public void Release(decimal quantity) => Reserved -= quantity;

    private static void Check(BusinessRule rule) => rule.ThrowIfBroken();
}

/// <summary>A product's moving average cost in a company: every receipt at a new price moves it; issues leave it.</summary>
public sealed class ProductCost : ICompanyOwned
{
    private ProductCost() { } // rows are created by the ledger's upsert (StockLedger), loaded locked

    public Guid CompanyId { get; private set; }
    public Guid ProductId { get; private set; }

    /// <summary>All the company's units of the product, over every warehouse.</summary>
    public decimal Quantity { get; private set; }

    public decimal AverageCost { get; private set; }

    /// <summary>Values the move: units coming in at their own cost move the average; units going out leave at it.</summary>
    public void Apply(StockMove move)
    {
        var quantity = Quantity + move.Quantity;
        if (move.Quantity > 0 && quantity > 0)
            AverageCost = decimal.Round((Math.Max(Quantity, 0) * AverageCost + move.Quantity * move.UnitCost) / (Math.Max(Quantity, 0) + move.Quantity), 6);
        Quantity = quantity;
    }
}

public static class StockRules
{
    public static BusinessRule EnoughAvailable(Guid productId, decimal wanted, decimal available) =>
        new(InventoryErrors.InsufficientStock, wanted > available, productId, wanted, Math.Max(available, 0));
}
