using Erp.Inventory.Data;
using Erp.Inventory.Data.Configurations;
using Erp.Inventory.Domain;
using Erp.Kernel;
using Erp.Kernel.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Application;

/// <summary>
/// Receipts, issues, transfers, adjustments and reversals: each one transaction that appends its moves to the ledger and
/// changes the balances they touch, or changes nothing.
/// </summary>
internal sealed class StockService(InventoryDbContext db, StockLedger ledger, StockChecks checks)
{
    public async Task<IReadOnlyList<StockMoveDto>> ReceiveAsync(ReceiveStockRequest request, CancellationToken cancellationToken)
    {
        var warehouse = await checks.ActiveWarehouseAsync(request.WarehouseId, cancellationToken);
        var location = StockChecks.LocationIn(warehouse, request.LocationId);
        await checks.StockedProductsAsync(request.Lines.Select(l => l.ProductId), cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockAsync(warehouse.CompanyId, request.Lines.Select(l => (location, l.ProductId)), cancellationToken);
            var context = ledger.Context(request.Reference);
            var moves = request.Lines.Select(l => new StockMove(StockMoveKind.Receipt, location, l.ProductId, l.Quantity, l.UnitCost, context)).ToList();
            foreach (var move in moves) ledger.Post(move, stock, allowNegative: true);
            await ledger.SaveAsync(stock, cancellationToken);
            return ToDtos(moves);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StockMoveDto>> IssueAsync(IssueStockRequest request, CancellationToken cancellationToken)
    {
        var warehouse = await checks.ActiveWarehouseAsync(request.WarehouseId, cancellationToken);
        var location = StockChecks.LocationIn(warehouse, request.LocationId);
        await checks.StockedProductsAsync(request.Lines.Select(l => l.ProductId), cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockAsync(warehouse.CompanyId, request.Lines.Select(l => (location, l.ProductId)), cancellationToken);
            var context = ledger.Context(request.Reference);
            var moves = new List<StockMove>();
            foreach (var line in request.Lines)
            {
                var move = new StockMove(StockMoveKind.Issue, location, line.ProductId, -line.Quantity, stock.CostOf(line.ProductId).AverageCost, context);
                ledger.Post(move, stock, warehouse.AllowNegativeStock);
                moves.Add(move);
            }

            await ledger.SaveAsync(stock, cancellationToken);
            return ToDtos(moves);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StockMoveDto>> TransferAsync(TransferStockRequest request, CancellationToken cancellationToken)
    {
        if (request.FromLocationId == request.ToLocationId) throw new RequestRejectedException(InventoryErrors.TransferSameLocation);
        var (fromWarehouse, from) = await checks.LocationAsync(request.FromLocationId, cancellationToken);
        var (_, to) = await checks.LocationAsync(request.ToLocationId, cancellationToken);
        await checks.StockedProductsAsync([request.ProductId], cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockAsync(checks.CompanyId, [(from, request.ProductId), (to, request.ProductId)], cancellationToken);
            var (moveOut, moveIn) = StockMove.Transfer(from, to, request.ProductId, request.Quantity, stock.CostOf(request.ProductId).AverageCost, ledger.Context(request.Reference));
            ledger.Post(moveOut, stock, fromWarehouse.AllowNegativeStock);
            ledger.Post(moveIn, stock, allowNegative: true);
            await ledger.SaveAsync(stock, cancellationToken);
            return ToDtos([moveOut, moveIn]);
        }, cancellationToken);
    }

    public async Task<StockMoveDto> AdjustAsync(AdjustStockRequest request, CancellationToken cancellationToken)
    {
        if (request.Change == 0) throw new InvalidFieldsException(nameof(request.Change), "inventory.validation.no-change");
        if (request.Reason == AdjustmentReason.Other && string.IsNullOrWhiteSpace(request.Note))
            throw new InvalidFieldsException(nameof(request.Note), "inventory.validation.note-required");
        var (warehouse, location) = await checks.LocationAsync(request.LocationId, cancellationToken);
        await checks.StockedProductsAsync([request.ProductId], cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockAsync(warehouse.CompanyId, [(location, request.ProductId)], cancellationToken);
            // Units found come in at what the product is valued at now, so an adjustment never moves the average.
            var move = StockMove.Adjustment(location, request.ProductId, request.Change, stock.CostOf(request.ProductId).AverageCost, request.Reason, request.Note,
                ledger.Context(null));
            ledger.Post(move, stock, warehouse.AllowNegativeStock);
            await ledger.SaveAsync(stock, cancellationToken);
            return ToDto(move);
        }, cancellationToken);
    }

    /// <summary>Takes a move back with one of its own; a transfer is taken back whole (both its moves).</summary>
    public async Task<IReadOnlyList<StockMoveDto>> ReverseAsync(Guid moveId, CancellationToken cancellationToken)
    {
        var move = await db.Moves.AsNoTracking().FirstOrDefaultAsync(m => m.Id == moveId && m.CompanyId == checks.CompanyId, cancellationToken)
            ?? throw new NotFoundException(InventoryErrors.MoveNotFound, moveId);
        var originals = move.TransferId is { } transfer && move.Kind != StockMoveKind.Reversal
            ? await db.Moves.AsNoTracking().Where(m => m.TransferId == transfer && m.Kind != StockMoveKind.Reversal).OrderBy(m => m.Quantity).ToListAsync(cancellationToken)
            : [move];
        return await db.InTransactionAsync(async () =>
        {
            var places = new List<(Warehouse Warehouse, Location Location, StockMove Original)>();
            foreach (var original in originals)
            {
                var (warehouse, location) = await checks.LocationAsync(original.LocationId, cancellationToken);
                places.Add((warehouse, location, original));
            }

            var stock = await ledger.LockAsync(checks.CompanyId, places.Select(p => (p.Location, p.Original.ProductId)), cancellationToken);
            // Checked under the lock: two reversals of one move at once would both pass a check before it (the unique index stops the second anyway).
            var reversed = originals.Select(o => o.Id).ToList();
            if (await db.Moves.AnyAsync(m => m.ReversesId != null && reversed.Contains(m.ReversesId.Value), cancellationToken))
                throw new BusinessRuleException(InventoryErrors.MoveReversed, moveId);
            var context = ledger.Context(move.Reference);
            var reversals = places.Select(p => (Reversal: p.Original.Reverse(p.Location, context), p.Warehouse)).ToList();
            foreach (var (reversal, warehouse) in reversals) ledger.Post(reversal, stock, warehouse.AllowNegativeStock);
            await ledger.SaveAsync(stock, cancellationToken);
            return ToDtos(reversals.Select(r => r.Reversal));
        }, cancellationToken);
    }

    public async Task<Page<StockMoveDto>> MovesAsync(StockMoveFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Moves.AsNoTracking();
        if (filter.ProductId is { } product) query = query.Where(m => m.ProductId == product);
        if (filter.WarehouseId is { } warehouse) query = query.Where(m => m.WarehouseId == warehouse);
        if (!string.IsNullOrWhiteSpace(filter.Reference)) query = query.Where(m => m.Reference == filter.Reference);
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(m => EF.Property<long>(m, StockMoveConfiguration.Sequence)).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var pageIds = page.Select(m => m.Id).ToList();
        var reversedBy = await db.Moves.AsNoTracking().Where(m => m.ReversesId != null && pageIds.Contains(m.ReversesId.Value))
            .ToDictionaryAsync(m => m.ReversesId!.Value, m => m.Id, cancellationToken);
        return new Page<StockMoveDto>([.. page.Select(m => ToDto(m, reversedBy.TryGetValue(m.Id, out var by) ? by : null))], total, skip, take);
    }

    /// <summary>Per product and location, in the order of the warehouses' codes and their locations.</summary>
    public async Task<IReadOnlyList<StockBalanceDto>> BalancesAsync(Guid? warehouseId, Guid? productId, CancellationToken cancellationToken)
    {
        var query = db.Balances.AsNoTracking().Where(b => b.OnHand != 0 || b.Reserved != 0);
        if (warehouseId is { } warehouse) query = query.Where(b => b.WarehouseId == warehouse);
        if (productId is { } product) query = query.Where(b => b.ProductId == product);
        return await query
            .Join(db.Locations, b => b.LocationId, l => l.Id, (b, l) => new { Balance = b, l.Position })
            .Join(db.Warehouses, b => b.Balance.WarehouseId, w => w.Id, (b, w) => new { b.Balance, b.Position, w.Code })
            .OrderBy(b => b.Balance.ProductId).ThenBy(b => b.Code).ThenBy(b => b.Position).Take(5000)
            .Select(b => new StockBalanceDto(b.Balance.ProductId, b.Balance.WarehouseId, b.Balance.LocationId, b.Balance.OnHand, b.Balance.Reserved,
                b.Balance.OnHand - b.Balance.Reserved))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Per product and warehouse: on hand, reserved, available, and the product's average cost in its company.</summary>
    public async Task<IReadOnlyList<ProductStockDto>> ProductStockAsync(Guid? warehouseId, Guid? productId, CancellationToken cancellationToken)
    {
        var balances = db.Balances.AsNoTracking();
        if (warehouseId is { } warehouse) balances = balances.Where(b => b.WarehouseId == warehouse);
        if (productId is { } product) balances = balances.Where(b => b.ProductId == product);
        var stock = await balances.GroupBy(b => new { b.CompanyId, b.ProductId, b.WarehouseId })
            .Select(g => new { g.Key.CompanyId, g.Key.ProductId, g.Key.WarehouseId, OnHand = g.Sum(b => b.OnHand), Reserved = g.Sum(b => b.Reserved) })
            .OrderBy(s => s.ProductId).ThenBy(s => s.WarehouseId).Take(5000)
            .ToListAsync(cancellationToken);
        var products = stock.Select(s => s.ProductId).Distinct().ToList();
        var costs = await db.Costs.AsNoTracking().Where(c => products.Contains(c.ProductId))
            .ToDictionaryAsync(c => (c.CompanyId, c.ProductId), c => c.AverageCost, cancellationToken);
        return [.. stock.Select(s => new ProductStockDto(s.ProductId, s.WarehouseId, s.OnHand, s.Reserved, s.OnHand - s.Reserved,
            costs.GetValueOrDefault((s.CompanyId, s.ProductId))))];
    }

    /// <summary>
    /// The products whose available stock (on hand less reserved, over the warehouse's locations) is below the reorder
    /// level of their warehouse, as <see cref="StockLedger"/> tells when one falls below it; the furthest below first.
    /// </summary>
    public async Task<IReadOnlyList<LowStockDto>> LowStockAsync(Guid? warehouseId, CancellationToken cancellationToken)
    {
        var levels = db.ReorderLevels.AsNoTracking();
        if (warehouseId is { } warehouse) levels = levels.Where(l => l.WarehouseId == warehouse);
        var low = await levels
            .Select(l => new
            {
                l.ProductId, l.WarehouseId, l.Minimum,
                Available = db.Balances.Where(b => b.WarehouseId == l.WarehouseId && b.ProductId == l.ProductId).Sum(b => (decimal?)(b.OnHand - b.Reserved)) ?? 0,
            })
            .Where(l => l.Available < l.Minimum)
            .OrderBy(l => l.Available - l.Minimum).ThenBy(l => l.ProductId).Take(500)
            .ToListAsync(cancellationToken);
        return [.. low.Select(l => new LowStockDto(l.ProductId, l.WarehouseId, l.Available, l.Minimum))];
    }

    internal static StockMoveDto ToDto(StockMove m, Guid? reversedById = null) => new(m.Id, m.CompanyId, m.Kind, m.ProductId, m.WarehouseId, m.LocationId,
        m.Quantity, m.UnitCost, m.Reference, m.Reason, m.Note, m.ReversesId, reversedById, m.TransferId, m.At, m.By);

    internal static IReadOnlyList<StockMoveDto> ToDtos(IEnumerable<StockMove> moves) => [.. moves.Select(m => ToDto(m))];
}
