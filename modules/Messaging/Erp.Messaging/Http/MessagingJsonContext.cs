using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Messaging.Http;

/// <summary>The messaging endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<DeliveryDto>))]
[JsonSerializable(typeof(RetryDeliveryRequest))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
