using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Host.Http;

/// <summary>The host's own endpoints' response types, their JSON metadata generated at compile time (as each module's).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AppConfigDto))]
[JsonSerializable(typeof(IReadOnlyList<PluginDto>))]
[JsonSerializable(typeof(PluginHostDto))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
