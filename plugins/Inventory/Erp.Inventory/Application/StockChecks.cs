using Erp.Catalog;
using Erp.Inventory.Data;
using Erp.Inventory.Domain;
using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace Erp.Inventory.Application;

/// <summary>
/// What every stock use case checks before it locks anything: stock moves in the request's company, in one of its active
/// warehouses, of its stocked products (through the catalog's Contracts).
/// </summary>
internal sealed class StockChecks(InventoryDbContext db, ICatalogProducts products, ICurrentCompany company)
{
    public Guid CompanyId => company.Id ?? throw new ForbiddenException(CompanyErrors.NoCompany);

    public async Task<Warehouse> ActiveWarehouseAsync(Guid id, CancellationToken cancellationToken)
    {
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id && w.CompanyId == CompanyId, cancellationToken)
            ?? throw new NotFoundException(InventoryErrors.WarehouseNotFound, id);
        WarehouseRules.MustBeActive(warehouse).ThrowIfBroken();
        return warehouse;
    }

    /// <summary>The location and its warehouse, which must be the company's and active.</summary>
    public async Task<(Warehouse Warehouse, Location Location)> LocationAsync(Guid locationId, CancellationToken cancellationToken)
    {
        var warehouseId = await db.Locations.Where(l => l.Id == locationId && l.CompanyId == CompanyId).Select(l => (Guid?)l.WarehouseId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(InventoryErrors.LocationNotFound, locationId);
        var warehouse = await ActiveWarehouseAsync(warehouseId, cancellationToken);
        return (warehouse, warehouse.LocationOf(locationId)!);
    }

    public static Location LocationIn(Warehouse warehouse, Guid? locationId) =>
        locationId is { } id ? warehouse.LocationOf(id) ?? throw new NotFoundException(InventoryErrors.LocationNotFound, id) : warehouse.DefaultLocation;

    /// <summary>Every product must be one of the company's, counted in stock: 404 for one unknown, 422 for a service.</summary>
    public async Task StockedProductsAsync(IEnumerable<Guid> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToList();
        var found = await products.FindAsync(ids, cancellationToken);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var product) || product.CompanyId != CompanyId) throw new NotFoundException(CatalogErrors.ProductNotFound, id);
            if (product.Kind != ProductKind.Stocked) throw new RequestRejectedException(InventoryErrors.ProductNotStocked, product.Sku);
        }
    }
}
