using System.Text.Json;
using System.Text.Json.Serialization;

namespace Acme.Plugin.Http;

/// <summary>
/// The endpoints' request and response types, their JSON metadata generated at compile time: without it, System.Text.Json
/// builds it by reflection while the host starts. List each new request or response type here.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ItemDto))]
[JsonSerializable(typeof(IReadOnlyList<ItemDto>))]
[JsonSerializable(typeof(SaveItemRequest))]
internal sealed partial class PluginJsonContext : JsonSerializerContext;
