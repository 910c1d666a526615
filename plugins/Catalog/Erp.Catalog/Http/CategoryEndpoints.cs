using Erp.Catalog.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Catalog.Http;

internal static class CategoryEndpoints
{
    public static void MapCategoryEndpoints(this IEndpointRouteBuilder api)
    {
        var categories = api.MapGroup("/api/catalog/categories").WithTags("Product categories").WithStandardProblems();
        categories.MapGet("", ListAsync).WithName("ListProductCategories").RequirePermission(CatalogPermissions.Products)
            .WithSummary("The company's category tree, as a flat list of nodes with their parents.");
        categories.MapPost("", CreateAsync).WithName("CreateProductCategory").RequirePermission(CatalogPermissions.ManageProducts);
        categories.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateProductCategory").RequirePermission(CatalogPermissions.ManageProducts)
            .WithSummary("Renames or moves a category; never under itself or its own descendants.");
        categories.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProductCategory").RequirePermission(CatalogPermissions.ManageProducts)
            .WithSummary("Deletes a category without sub-categories or products.");
    }

    private static async Task<Ok<IReadOnlyList<CategoryDto>>> ListAsync(CategoryService categories, CancellationToken ct) => TypedResults.Ok(await categories.ListAsync(ct));

    private static async Task<Created<CategoryDto>> CreateAsync(SaveCategoryRequest body, CategoryService categories, CancellationToken ct)
    {
        var category = await categories.CreateAsync(body, ct);
        return TypedResults.Created($"/api/catalog/categories/{category.Id}", category);
    }

    private static async Task<Ok<CategoryDto>> UpdateAsync(Guid id, SaveCategoryRequest body, CategoryService categories, CancellationToken ct) =>
        TypedResults.Ok(await categories.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, CategoryService categories, CancellationToken ct)
    {
        await categories.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
