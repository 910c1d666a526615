using System.ComponentModel.DataAnnotations;

namespace Erp.Inventory;

public static class WarehouseLimits
{
    public const int MaxCode = 20;
    public const int MaxName = 200;
    public const string CodePattern = "^[A-Z0-9][A-Z0-9_-]*$";
}

/// <param name="AllowNegativeStock">Issues and reservations may take this warehouse's stock below zero (stock arrives later).</param>
/// <param name="Version">Send it back with a change: a stale one is a 409.</param>
public sealed record WarehouseDto(
    Guid Id, Guid CompanyId, string Code, string Name, bool AllowNegativeStock, bool Active, IReadOnlyList<LocationDto> Locations, uint Version);

/// <summary>A place in a warehouse stock is kept at (a shelf, a bay, a zone).</summary>
public sealed record LocationDto(Guid Id, string Code, string Name);

/// <param name="Locations">The warehouse's locations, all of them: one left out is removed (unless stock has moved through it), one without an id added.</param>
public sealed record SaveWarehouseRequest(
    [Required, StringLength(WarehouseLimits.MaxCode), RegularExpression(WarehouseLimits.CodePattern, ErrorMessage = "inventory.validation.code")] string Code,
    [Required, StringLength(WarehouseLimits.MaxName)] string Name,
    [Required, MinLength(1), MaxLength(500)] IReadOnlyList<SaveLocationRequest> Locations,
    bool AllowNegativeStock = false,
    bool Active = true,
    uint Version = 0);

public sealed record SaveLocationRequest(
    Guid? Id,
    [Required, StringLength(WarehouseLimits.MaxCode), RegularExpression(WarehouseLimits.CodePattern, ErrorMessage = "inventory.validation.code")] string Code,
    [Required, StringLength(WarehouseLimits.MaxName)] string Name);

/// <summary>Below <paramref name="Minimum"/> available units of the product in the warehouse, <see cref="StockBelowReorderLevelIntegrationEvent"/> is published.</summary>
public sealed record SetReorderLevelRequest([Range(typeof(decimal), "0", StockLimits.MaxQuantity)] decimal Minimum);

public sealed record ReorderLevelDto(Guid WarehouseId, Guid ProductId, decimal Minimum);

/// <summary>Warehouses for other plugins (sales), through inventory's Contracts.</summary>
public interface IWarehouses
{
    /// <summary>The warehouses of the caller's companies by code; narrowed to one company.</summary>
    Task<IReadOnlyList<WarehouseDto>> ListAsync(Guid? companyId, CancellationToken cancellationToken);
}
