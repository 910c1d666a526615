using Erp.Inventory.Data;
using Erp.Inventory.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Application;

/// <summary>
/// The one way stock changes: moves are appended to the ledger, and the balances and average costs they touch are
/// locked (created empty first, if new), changed and saved with them in the use case's transaction. Rows are always
/// locked in product and location order, so two writers of the same products wait for each other and never deadlock.
/// </summary>
internal sealed class StockLedger(InventoryDbContext db, ICurrentUser user, TimeProvider clock)
{
    public MoveContext Context(string? reference) => new(string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), clock.GetUtcNow(), user.UserId);

    /// <summary>Locks what these locations hold of these products, and the products' costs.</summary>
    public async Task<LockedStock> LockAsync(Guid companyId, IEnumerable<(Location Location, Guid ProductId)> places, CancellationToken cancellationToken)
    {
        var distinct = places.DistinctBy(p => (p.Location.Id, p.ProductId)).ToList();
        Guid[] locations = [.. distinct.Select(p => p.Location.Id)], products = [.. distinct.Select(p => p.ProductId)],
            warehouses = [.. distinct.Select(p => p.Location.WarehouseId)];
        var levels = await LevelsAsync(warehouses, products, cancellationToken);
        var balances = await db.Balances.FromSql($"""
            INSERT INTO inventory.stock_balances (location_id, product_id, company_id, warehouse_id, on_hand, reserved)
            SELECT l, p, {companyId}, w, 0, 0 FROM unnest({locations}, {products}, {warehouses}) AS t(l, p, w)
            ON CONFLICT DO NOTHING;
            SELECT * FROM inventory.stock_balances WHERE (location_id, product_id) IN (SELECT * FROM unnest({locations}, {products}))
            ORDER BY product_id, location_id FOR UPDATE
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
        return new LockedStock(balances, await LockCostsAsync(companyId, products, cancellationToken), levels);
    }

    /// <summary>
    /// Locks what every location of the warehouse holds of these products (a new product at its first location), and
    /// their costs unless the use case leaves costs alone (a reservation).
    /// </summary>
    public async Task<LockedStock> LockWarehouseAsync(Warehouse warehouse, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken,
        bool withCosts = true)
    {
        Guid[] products = [.. productIds.Distinct()];
        var levels = await LevelsAsync([warehouse.Id], products, cancellationToken);
        var balances = await db.Balances.FromSql($"""
            INSERT INTO inventory.stock_balances (location_id, product_id, company_id, warehouse_id, on_hand, reserved)
            SELECT {warehouse.DefaultLocation.Id}, p, {warehouse.CompanyId}, {warehouse.Id}, 0, 0 FROM unnest({products}) AS p
            ON CONFLICT DO NOTHING;
            SELECT * FROM inventory.stock_balances WHERE warehouse_id = {warehouse.Id} AND product_id = ANY({products})
            ORDER BY product_id, location_id FOR UPDATE
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);
        return new LockedStock(balances, withCosts ? await LockCostsAsync(warehouse.CompanyId, products, cancellationToken) : [], levels);
    }

    // The missing rows are made empty and all are locked in one round trip: rows stay locked until the use case commits,
    // so every round trip between the lock and the commit makes the next writer of these products wait longer. (Not
    // composed with the company filter, which an INSERT cannot be: the statements name the company's rows themselves,
    // and row-level security holds them to the caller's companies.)
    private async Task<List<ProductCost>> LockCostsAsync(Guid companyId, Guid[] products, CancellationToken cancellationToken) =>
        await db.Costs.FromSql($"""
            INSERT INTO inventory.product_costs (company_id, product_id, quantity, average_cost)
            SELECT {companyId}, p, 0, 0 FROM unnest({products}) AS p ON CONFLICT DO NOTHING;
            SELECT * FROM inventory.product_costs WHERE company_id = {companyId} AND product_id = ANY({products}) ORDER BY product_id FOR UPDATE
            """).IgnoreQueryFilters().ToListAsync(cancellationToken);

    // Read before anything is locked, for the same reason.
    private async Task<List<ReorderLevel>> LevelsAsync(Guid[] warehouses, Guid[] products, CancellationToken cancellationToken) =>
        await db.ReorderLevels.AsNoTracking().Where(l => warehouses.Contains(l.WarehouseId) && products.Contains(l.ProductId)).ToListAsync(cancellationToken);

    /// <summary>Appends the move and applies it to its balance and its product's cost (both locked).</summary>
    public void Post(StockMove move, LockedStock stock, bool allowNegative)
    {
        stock.BalanceOf(move.LocationId, move.ProductId).Apply(move, allowNegative);
        stock.CostOf(move.ProductId).Apply(move);
        stock.Changed(move.WarehouseId, move.ProductId, move.Quantity);
        db.Moves.Add(move);
    }

    /// <summary>
    /// Saves the use case's moves and balances, then says (an integration event, in the same transaction) where a
    /// warehouse's available stock of a product fell below its reorder level: from at or above it before the use case.
    /// </summary>
    public async Task SaveAsync(LockedStock stock, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        var falling = stock.Changes.Where(c => c.Value < 0).ToDictionary(c => c.Key, c => c.Value);
        if (falling.Count == 0) return;
        var crossed = false;
        foreach (var level in stock.Levels.Where(l => falling.ContainsKey((l.WarehouseId, l.ProductId))))
        {
            var available = await db.Balances.Where(b => b.WarehouseId == level.WarehouseId && b.ProductId == level.ProductId)
                .SumAsync(b => b.OnHand - b.Reserved, cancellationToken);
            var before = available - falling[(level.WarehouseId, level.ProductId)];
            if (before < level.Minimum || available >= level.Minimum) continue;
            db.Publish(new StockBelowReorderLevelIntegrationEvent(level.CompanyId, level.WarehouseId, level.ProductId, available, level.Minimum));
            crossed = true;
        }

        if (crossed) await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Appends a delivery of reserved units: they leave on-hand and reserved at once, so what is available stays.</summary>
    public void PostReserved(StockMove delivery, LockedStock stock)
    {
        stock.BalanceOf(delivery.LocationId, delivery.ProductId).ApplyReserved(delivery);
        stock.CostOf(delivery.ProductId).Apply(delivery);
        db.Moves.Add(delivery);
    }
}

/// <summary>
/// Balances and costs locked for one use case, the reorder levels of what it touches, and how much each warehouse's
/// available stock of a product changed.
/// </summary>
internal sealed class LockedStock(List<StockBalance> balances, List<ProductCost> costs, List<ReorderLevel> levels)
{
    public IReadOnlyList<ReorderLevel> Levels => levels;

    private readonly Dictionary<(Guid Warehouse, Guid Product), decimal> _changes = [];

    public IReadOnlyList<StockBalance> Balances => balances;

    public IReadOnlyDictionary<(Guid Warehouse, Guid Product), decimal> Changes => _changes;

    public StockBalance BalanceOf(Guid locationId, Guid productId) => balances.Single(b => b.LocationId == locationId && b.ProductId == productId);

    public ProductCost CostOf(Guid productId) => costs.Single(c => c.ProductId == productId);

    public void Changed(Guid warehouseId, Guid productId, decimal available) =>
        _changes[(warehouseId, productId)] = _changes.GetValueOrDefault((warehouseId, productId)) + available;
}
