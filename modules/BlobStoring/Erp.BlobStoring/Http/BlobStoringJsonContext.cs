using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.BlobStoring.Http;

/// <summary>The blob storage endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AttachmentDto))]
[JsonSerializable(typeof(BlobLinkDto))]
[JsonSerializable(typeof(IReadOnlyList<AttachmentDto>))]
internal sealed partial class BlobStoringJsonContext : JsonSerializerContext;
