using System.Text.Json;
using System.Text.Json.Serialization;
using Erp.Kernel;

namespace Erp.Catalog.Http;

/// <summary>The catalog endpoints' request and response types, their JSON metadata generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CategoryDto))]
[JsonSerializable(typeof(IReadOnlyList<CategoryDto>))]
[JsonSerializable(typeof(IReadOnlyList<PriceListDto>))]
[JsonSerializable(typeof(Page<PartnerDto>))]
[JsonSerializable(typeof(Page<ProductDto>))]
[JsonSerializable(typeof(PartnerDto))]
[JsonSerializable(typeof(PriceListDto))]
[JsonSerializable(typeof(ProductDto))]
[JsonSerializable(typeof(ProductPriceDto))]
[JsonSerializable(typeof(SaveCategoryRequest))]
[JsonSerializable(typeof(SavePartnerRequest))]
[JsonSerializable(typeof(SavePriceListRequest))]
[JsonSerializable(typeof(SaveProductRequest))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
