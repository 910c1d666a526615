using Erp.Inventory.Data;
using Erp.Inventory.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Application;

/// <summary>Warehouses, their locations and reorder levels; a code is unique in its company, a location's in its warehouse.</summary>
internal sealed class WarehouseService(InventoryDbContext db, StockChecks checks, ICurrentCompany company) : IWarehouses
{
    public async Task<IReadOnlyList<WarehouseDto>> ListAsync(Guid? companyId, CancellationToken cancellationToken)
    {
        var query = db.Warehouses.AsNoTracking();
        if (companyId is { } only) query = query.Where(w => w.CompanyId == only);
        return [.. (await query.OrderBy(w => w.Code).ToListAsync(cancellationToken)).Select(ToDto)];
    }

    public async Task<WarehouseDto> GetAsync(Guid id, CancellationToken cancellationToken) => ToDto(await FindAsync(id, cancellationToken));

    public async Task<WarehouseDto> CreateAsync(SaveWarehouseRequest request, CancellationToken cancellationToken)
    {
        WarehouseRules.CodeMustBeUnique(request.Code, await db.Warehouses.AnyAsync(w => w.CompanyId == company.Id && w.Code == request.Code, cancellationToken)).ThrowIfBroken();
        var warehouse = new Warehouse(Details(request));
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(warehouse);
    }

    public async Task<WarehouseDto> UpdateAsync(Guid id, SaveWarehouseRequest request, CancellationToken cancellationToken)
    {
        var warehouse = await FindAsync(id, cancellationToken);
        db.Entry(warehouse).Property(w => w.Version).OriginalValue = request.Version;
        var taken = await db.Warehouses.AnyAsync(w => w.CompanyId == warehouse.CompanyId && w.Code == request.Code && w.Id != id, cancellationToken);
        WarehouseRules.CodeMustBeUnique(request.Code, taken).ThrowIfBroken();
        var used = await db.Balances.Where(b => b.WarehouseId == id).Select(b => b.LocationId).Distinct().ToListAsync(cancellationToken);
        warehouse.Change(Details(request), used.ToHashSet());
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(warehouse);
    }

    public async Task<IReadOnlyList<ReorderLevelDto>> ReorderLevelsAsync(Guid warehouseId, CancellationToken cancellationToken)
    {
        await FindAsync(warehouseId, cancellationToken);
        return await db.ReorderLevels.AsNoTracking().Where(l => l.WarehouseId == warehouseId).OrderBy(l => l.ProductId)
            .Select(l => new ReorderLevelDto(l.WarehouseId, l.ProductId, l.Minimum)).ToListAsync(cancellationToken);
    }

    public async Task<ReorderLevelDto> SetReorderLevelAsync(Guid warehouseId, Guid productId, decimal minimum, CancellationToken cancellationToken)
    {
        var warehouse = await checks.ActiveWarehouseAsync(warehouseId, cancellationToken);
        await checks.StockedProductsAsync([productId], cancellationToken);
        var level = await db.ReorderLevels.FirstOrDefaultAsync(l => l.WarehouseId == warehouse.Id && l.ProductId == productId, cancellationToken);
        if (level is null) db.ReorderLevels.Add(level = new ReorderLevel(warehouse.Id, productId, minimum));
        else level.Change(minimum);
        await db.SaveChangesAsync(cancellationToken);
        return new ReorderLevelDto(level.WarehouseId, level.ProductId, level.Minimum);
    }

    public async Task RemoveReorderLevelAsync(Guid warehouseId, Guid productId, CancellationToken cancellationToken)
    {
        var level = await db.ReorderLevels.FirstOrDefaultAsync(l => l.WarehouseId == warehouseId && l.ProductId == productId, cancellationToken);
        if (level is null) return;
        db.ReorderLevels.Remove(level);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static WarehouseDetails Details(SaveWarehouseRequest request) => new(request.Code, request.Name, request.AllowNegativeStock, request.Active,
        [.. request.Locations.Select(l => (l.Id, l.Code, l.Name))]);

    private async Task<Warehouse> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new NotFoundException(InventoryErrors.WarehouseNotFound, id);

    private static WarehouseDto ToDto(Warehouse w) => new(w.Id, w.CompanyId, w.Code, w.Name, w.AllowNegativeStock, w.Active,
        [.. w.Locations.OrderBy(l => l.Position).Select(l => new LocationDto(l.Id, l.Code, l.Name))], w.Version);
}
