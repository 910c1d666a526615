using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Kernel.Http;

public static class EndpointJson
{
    /// <summary>
    /// Registers the JSON metadata of the types endpoints read and write, generated at compile time (a
    /// <see cref="JsonSerializerContext"/> listing them), ahead of the reflection-based resolver. Types it does not list
    /// still work: System.Text.Json then builds their metadata by reflection, which costs every new instance's start-up
    /// (docs/operations.md, Start-up).
    /// </summary>
    public static IServiceCollection AddJsonTypes(this IServiceCollection services, IJsonTypeInfoResolver types) =>
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, types));
}
