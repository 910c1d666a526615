using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.AuditLogging.Http;

/// <summary>The audit log endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AuditStatisticsDto))]
[JsonSerializable(typeof(KeysetPage<EntityChangeDto>))]
[JsonSerializable(typeof(KeysetPage<RequestRecordDto>))]
internal sealed partial class AuditLoggingJsonContext : JsonSerializerContext;
