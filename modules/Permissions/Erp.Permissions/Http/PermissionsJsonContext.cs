using System.Text.Json;
using System.Text.Json.Serialization;

namespace Erp.Permissions.Http;

/// <summary>The permissions endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Grants.UpdateGrantsRequest))]
[JsonSerializable(typeof(IReadOnlyList<Grants.PermissionGroupDto>))]
internal sealed partial class PermissionsJsonContext : JsonSerializerContext;
