using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.Settings.Http;

/// <summary>The settings endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<SettingGroupDto>))]
[JsonSerializable(typeof(UpdateSettingsRequest))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
