using Erp.Inventory.Data;
using Erp.Inventory.Domain;
using Erp.Kernel.Domain;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Application;

/// <summary>
/// Stock promised to documents. A reservation takes what is available from the warehouse's locations in their order,
/// with their balances locked, so concurrent reservations of the last units never promise one twice. Inside the kernel's
/// unit of work (a sales order being confirmed) each call writes in the caller's transaction.
/// </summary>
internal sealed class ReservationService(InventoryDbContext db, StockLedger ledger, StockChecks checks) : IStockReservations
{
    public async Task<ReservationDto> ReserveAsync(ReserveStockRequest request, CancellationToken cancellationToken)
    {
        var warehouse = await checks.ActiveWarehouseAsync(request.WarehouseId, cancellationToken);
        var reference = request.Reference.Trim();
        await ReferenceMustBeNewAsync(warehouse.CompanyId, reference, cancellationToken);
        return await ReserveAsync(warehouse, request.Lines, _ => Task.FromResult(reference), cancellationToken);
    }

    public async Task<ReservationDto> ReserveAsync(Guid warehouseId, IReadOnlyList<StockLine> lines, Func<CancellationToken, Task<string>> reference,
        CancellationToken cancellationToken) =>
        await ReserveAsync(await checks.ActiveWarehouseAsync(warehouseId, cancellationToken), lines, reference, cancellationToken);

    private async Task<ReservationDto> ReserveAsync(Warehouse warehouse, IReadOnlyList<StockLine> lines, Func<CancellationToken, Task<string>> reference,
        CancellationToken cancellationToken)
    {
        await checks.StockedProductsAsync(lines.Select(l => l.ProductId), cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockWarehouseAsync(warehouse, [.. lines.Select(l => l.ProductId)], cancellationToken, withCosts: false);
            var promised = new List<(StockBalance Balance, decimal Quantity)>();
            foreach (var line in lines.GroupBy(l => l.ProductId, l => l.Quantity))
            {
                var wanted = line.Sum();
                var places = stock.Balances.Where(b => b.ProductId == line.Key).OrderBy(b => warehouse.LocationOf(b.LocationId)!.Position).ToList();
                if (!warehouse.AllowNegativeStock) StockRules.EnoughAvailable(line.Key, wanted, places.Sum(b => Math.Max(b.Available, 0))).ThrowIfBroken();
                foreach (var balance in places.Where(b => b.Available > 0))
                {
                    var part = Math.Min(balance.Available, wanted);
                    if (part <= 0) break;
                    Reserve(promised, balance, part, stock);
                    wanted -= part;
                }

                // Negative stock allowed: the rest is promised at the first location, to arrive there.
                if (wanted > 0) Reserve(promised, stock.BalanceOf(warehouse.DefaultLocation.Id, line.Key), wanted, stock);
            }

            // A reference another reservation of the company took is refused by the unique index (409) should two race.
            var reservation = new Reservation((await reference(cancellationToken)).Trim(), warehouse.Id);
            foreach (var (balance, quantity) in promised) reservation.Add(balance.ProductId, balance.LocationId, quantity);
            db.Reservations.Add(reservation);
            await ledger.SaveAsync(stock, cancellationToken);
            return ToDto(reservation);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StockMoveDto>> DeliverAsync(string reference, DeliverReservedRequest request, CancellationToken cancellationToken)
    {
        var warehouse = await checks.ActiveWarehouseAsync((await FindAsync(reference, tracked: false, cancellationToken)).WarehouseId, cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockWarehouseAsync(warehouse, [.. request.Lines.Select(l => l.ProductId)], cancellationToken);
            var reservation = await FindAsync(reference, tracked: true, cancellationToken); // what it promises now, under the lock
            var context = ledger.Context(request.Reference ?? reservation.Reference);
            var moves = new List<StockMove>();
            foreach (var line in request.Lines)
            {
                foreach (var (reserved, quantity) in reservation.Deliver(line.ProductId, line.Quantity))
                {
                    var move = StockMove.Delivery(warehouse.LocationOf(reserved.LocationId)!, line.ProductId, quantity, stock.CostOf(line.ProductId).AverageCost, reservation.Id, context);
                    ledger.PostReserved(move, stock);
                    moves.Add(move);
                }
            }

            await ledger.SaveAsync(stock, cancellationToken);
            return StockService.ToDtos(moves);
        }, cancellationToken);
    }

    public async Task<ReservationDto> ReleaseAsync(string reference, CancellationToken cancellationToken)
    {
        var promised = await FindAsync(reference, tracked: false, cancellationToken);
        var warehouse = await checks.ActiveWarehouseAsync(promised.WarehouseId, cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var stock = await ledger.LockWarehouseAsync(warehouse, [.. promised.Lines.Select(l => l.ProductId)], cancellationToken, withCosts: false);
            var reservation = await FindAsync(reference, tracked: true, cancellationToken);
            foreach (var (line, quantity) in reservation.Release())
            {
                stock.BalanceOf(line.LocationId, line.ProductId).Release(quantity);
                stock.Changed(warehouse.Id, line.ProductId, quantity);
            }

            await ledger.SaveAsync(stock, cancellationToken);
            return ToDto(reservation);
        }, cancellationToken);
    }

    public async Task<ReservationDto> GetAsync(string reference, CancellationToken cancellationToken) => ToDto(await FindAsync(reference, tracked: false, cancellationToken));

    private async Task ReferenceMustBeNewAsync(Guid companyId, string reference, CancellationToken cancellationToken) =>
        ReservationRules.ReferenceMustBeNew(reference, await db.Reservations.AnyAsync(r => r.CompanyId == companyId && r.Reference == reference, cancellationToken))
            .ThrowIfBroken();

    private static void Reserve(List<(StockBalance, decimal)> promised, StockBalance balance, decimal quantity, LockedStock stock)
    {
        balance.Reserve(quantity);
        promised.Add((balance, quantity));
        stock.Changed(balance.WarehouseId, balance.ProductId, -quantity);
    }

    private async Task<Reservation> FindAsync(string reference, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.Reservations : db.Reservations.AsNoTracking()).FirstOrDefaultAsync(r => r.CompanyId == checks.CompanyId && r.Reference == reference, cancellationToken)
        ?? throw new NotFoundException(InventoryErrors.ReservationNotFound, reference);

    private static ReservationDto ToDto(Reservation r) => new(r.Id, r.CompanyId, r.Reference, r.WarehouseId, r.Status,
        [.. r.Lines.Select(l => new ReservationLineDto(l.ProductId, l.LocationId, l.Quantity, l.Delivered, l.Open))]);
}
