using System.ComponentModel.DataAnnotations;
using Erp.Catalog.Application;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Catalog.Http;

internal static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder api)
    {
        var products = api.MapGroup("/api/catalog/products").WithTags("Products").WithStandardProblems();
        products.MapGet("", ListAsync).WithName("ListProducts").RequirePermission(CatalogPermissions.Products)
            .WithSummary("The products of the caller's companies by SKU, a page at a time: searched by SKU or name, narrowed to a company, a category or the active flag.");
        products.MapGet("/{id:guid}", GetAsync).WithName("GetProduct").RequirePermission(CatalogPermissions.Products);
        products.MapPost("", CreateAsync).WithName("CreateProduct").RequirePermission(CatalogPermissions.ManageProducts)
            .WithSummary("Adds a product to the request's company; unit and tax category default to the company's settings.");
        products.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateProduct").RequirePermission(CatalogPermissions.ManageProducts);
        products.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProduct").RequirePermission(CatalogPermissions.ManageProducts);
    }

    private static async Task<Ok<Page<ProductDto>>> ListAsync(ProductService products, CancellationToken ct,
        [StringLength(100)] string? search = null, Guid? companyId = null, Guid? categoryId = null, bool? active = null,
        [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await products.ListAsync(new ProductFilter(search, companyId, categoryId, active), skip, take, ct));

    private static async Task<Ok<ProductDto>> GetAsync(Guid id, ProductService products, CancellationToken ct) => TypedResults.Ok(await products.GetAsync(id, ct));

    private static async Task<Created<ProductDto>> CreateAsync(SaveProductRequest body, ProductService products, CancellationToken ct)
    {
        var product = await products.CreateAsync(body, ct);
        return TypedResults.Created($"/api/catalog/products/{product.Id}", product);
    }

    private static async Task<Ok<ProductDto>> UpdateAsync(Guid id, SaveProductRequest body, ProductService products, CancellationToken ct) =>
        TypedResults.Ok(await products.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, ProductService products, CancellationToken ct)
    {
        await products.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
