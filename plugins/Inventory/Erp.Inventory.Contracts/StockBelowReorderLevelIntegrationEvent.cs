using Erp.Kernel;

namespace Erp.Inventory;

/// <summary>
/// A product's available stock in a warehouse fell below its reorder level (it was at or above it before the move or
/// reservation): for purchasing, a notification, or an automation. Published once per crossing.
/// </summary>
public sealed record StockBelowReorderLevelIntegrationEvent(Guid CompanyId, Guid WarehouseId, Guid ProductId, decimal Available, decimal ReorderLevel)
    : IIntegrationEvent;
