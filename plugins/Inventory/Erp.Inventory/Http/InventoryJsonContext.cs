using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Inventory.Http;

/// <summary>The inventory endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AdjustStockRequest))]
[JsonSerializable(typeof(DeliverReservedRequest))]
[JsonSerializable(typeof(IReadOnlyList<LowStockDto>))]
[JsonSerializable(typeof(IReadOnlyList<ProductStockDto>))]
[JsonSerializable(typeof(IReadOnlyList<ReorderLevelDto>))]
[JsonSerializable(typeof(IReadOnlyList<StockBalanceDto>))]
[JsonSerializable(typeof(IReadOnlyList<StockMoveDto>))]
[JsonSerializable(typeof(IReadOnlyList<WarehouseDto>))]
[JsonSerializable(typeof(IssueStockRequest))]
[JsonSerializable(typeof(Page<StockMoveDto>))]
[JsonSerializable(typeof(ReceiveStockRequest))]
[JsonSerializable(typeof(ReorderLevelDto))]
[JsonSerializable(typeof(ReservationDto))]
[JsonSerializable(typeof(ReserveStockRequest))]
[JsonSerializable(typeof(SaveWarehouseRequest))]
[JsonSerializable(typeof(SetReorderLevelRequest))]
[JsonSerializable(typeof(StockMoveDto))]
[JsonSerializable(typeof(TransferStockRequest))]
[JsonSerializable(typeof(WarehouseDto))]
internal sealed partial class InventoryJsonContext : JsonSerializerContext;
