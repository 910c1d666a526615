using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.Backups.Http;

/// <summary>The backups endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BackupsDto))]
internal sealed partial class BackupsJsonContext : JsonSerializerContext;
