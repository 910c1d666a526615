using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Sales.Http;

/// <summary>The sales endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConfirmSalesOrderRequest))]
[JsonSerializable(typeof(DeliverSalesOrderRequest))]
[JsonSerializable(typeof(DeliveryDto))]
[JsonSerializable(typeof(Page<SalesOrderDto>))]
[JsonSerializable(typeof(SalesOrderDto))]
[JsonSerializable(typeof(SalesStatisticsDto))]
[JsonSerializable(typeof(SaveSalesOrderRequest))]
internal sealed partial class SalesJsonContext : JsonSerializerContext;
