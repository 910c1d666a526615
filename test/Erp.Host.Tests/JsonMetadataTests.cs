using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Erp.Testing;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace Erp.Host.Tests;

/// <summary>
/// Every type the host's and the built-in modules' and plugins' endpoints read or write as JSON has source-generated
/// metadata (each module's <c>JsonSerializerContext</c>, registered with <c>ModuleServices.AddJsonTypes</c>): building it
/// by reflection was half of building the endpoints while a new instance starts (docs/operations.md, Start-up). The
/// reflection resolver stays last in the chain for partners' plugins that bring no context.
/// </summary>
public sealed class JsonMetadataTests
{
    // Built for tests only: they show that a plugin without a context still works.
    private static readonly string[] TestPluginAssemblies = ["Erp.Sample", "Erp.Faulty", "Erp.EventProbe"];

    [Fact]
    public async Task EveryEndpointsRequestAndResponseType_HasGeneratedMetadata()
    {
        var database = await TestDatabases.CreateMigratedAsync();
        await using var host = new ErpHost(database, [TestPlugins.Catalog, TestPlugins.Inventory, TestPlugins.Sales, TestPlugins.Invoicing, TestPlugins.Sample]);
        using var client = host.CreateClient();
        var options = host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var chain = options.TypeInfoResolverChain;
        chain[^1].ShouldBeOfType<DefaultJsonTypeInfoResolver>("the reflection resolver answers last, for plugins that bring no context");
        var generated = JsonTypeInfoResolver.Combine([.. chain.Take(chain.Count - 1)]);

        var endpoints = host.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items).ToList();
        endpoints.Count.ShouldBeGreaterThan(100);
        var types = endpoints.SelectMany(e => e.ParameterDescriptions.Where(p => p.Source == BindingSource.Body && e.SupportedRequestFormats.Any(f => IsJson(f.MediaType))).Select(p => p.Type)
                .Concat(e.SupportedResponseTypes.Where(r => r.ApiResponseFormats.Any(f => IsJson(f.MediaType))).Select(r => r.Type)))
            .OfType<Type>().Where(IsOurs).Distinct().ToList();
        types.ShouldContain(t => OwnerOf(t) == "Erp.Sales", "the business plugins' endpoints are among them");

        var missing = types.Where(t => generated.GetTypeInfo(t, options) is null)
            .GroupBy(t => OwnerOf(t)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}:\n" + string.Join("\n", g.Select(t => $"[JsonSerializable(typeof({CSharpName(t)}))]").Order()));
        missing.ShouldBeEmpty("these endpoint types have no source-generated metadata; add them to the module's JsonSerializerContext");
    }

    private static bool IsJson(string mediaType) => mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static bool IsOurs(Type type) => OwnerOf(type) is { } owner && owner.StartsWith("Erp.", StringComparison.Ordinal) && !TestPluginAssemblies.Contains(owner);

    // The module whose context lists the type: a closed generic is its first Erp type argument's (Page<OrderDto> is the sales plugin's).
    private static string? OwnerOf(Type type)
    {
        var argument = type.IsArray ? OwnerOf(type.GetElementType()!) : type.GetGenericArguments().Select(OwnerOf).FirstOrDefault(o => o != null);
        var name = type.Assembly.GetName().Name!;
        return argument ?? (name.StartsWith("Erp.", StringComparison.Ordinal) ? name.Replace(".Contracts", "") : null);
    }

    private static string CSharpName(Type type) => type switch
    {
        { IsArray: true } => CSharpName(type.GetElementType()!) + "[]",
        { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(Nullable<>) => CSharpName(type.GetGenericArguments()[0]) + "?",
        { IsGenericType: true } => $"{type.FullName![..type.FullName!.IndexOf('`')].Replace('+', '.')}<{string.Join(", ", type.GetGenericArguments().Select(CSharpName))}>",
        _ => type.FullName!.Replace('+', '.'),
    };
}
