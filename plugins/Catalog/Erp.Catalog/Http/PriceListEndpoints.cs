using System.ComponentModel.DataAnnotations;
using Erp.Catalog.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Catalog.Http;

internal static class PriceListEndpoints
{
    public static void MapPriceListEndpoints(this IEndpointRouteBuilder api)
    {
        var lists = api.MapGroup("/api/catalog/price-lists").WithTags("Price lists").WithStandardProblems();
        lists.MapGet("", ListAsync).WithName("ListPriceLists").RequirePermission(CatalogPermissions.Products)
            .WithSummary("The price lists of the caller's companies with their lines, narrowed to a company or a customer.");
        lists.MapGet("/{id:guid}", GetAsync).WithName("GetPriceList").RequirePermission(CatalogPermissions.Products);
        lists.MapPost("", CreateAsync).WithName("CreatePriceList").RequirePermission(CatalogPermissions.ManageProducts);
        lists.MapPut("/{id:guid}", UpdateAsync).WithName("UpdatePriceList").RequirePermission(CatalogPermissions.ManageProducts)
            .WithSummary("Replaces the list and all its lines.");
        lists.MapDelete("/{id:guid}", DeleteAsync).WithName("DeletePriceList").RequirePermission(CatalogPermissions.ManageProducts)
            .WithSummary("Deletes the list; partners it was the default of fall back to their own lists and the products' prices.");

        api.MapGet("/api/catalog/prices", PriceAsync).WithTags("Price lists").WithStandardProblems().WithName("GetProductPrice")
            .RequirePermission(CatalogPermissions.Products)
            .WithSummary("The unit price of a product for a customer, a quantity and a day: the customer's own valid list, else their default list, else the product's price.");
    }

    private static async Task<Ok<IReadOnlyList<PriceListDto>>> ListAsync(PriceListService lists, CancellationToken ct, Guid? companyId = null, Guid? customerId = null) =>
        TypedResults.Ok(await lists.ListAsync(companyId, customerId, ct));

    private static async Task<Ok<PriceListDto>> GetAsync(Guid id, PriceListService lists, CancellationToken ct) => TypedResults.Ok(await lists.GetAsync(id, ct));

    private static async Task<Created<PriceListDto>> CreateAsync(SavePriceListRequest body, PriceListService lists, CancellationToken ct)
    {
        var list = await lists.CreateAsync(body, ct);
        return TypedResults.Created($"/api/catalog/price-lists/{list.Id}", list);
    }

    private static async Task<Ok<PriceListDto>> UpdateAsync(Guid id, SavePriceListRequest body, PriceListService lists, CancellationToken ct) =>
        TypedResults.Ok(await lists.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, PriceListService lists, CancellationToken ct)
    {
        await lists.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ProductPriceDto>> PriceAsync(IProductPrices prices, Guid productId, DateOnly day, CancellationToken ct,
        Guid? customerId = null, [Range(typeof(decimal), "0", ProductLimits.MaxPrice)] decimal quantity = 1) =>
        TypedResults.Ok(await prices.PriceAsync(productId, customerId, quantity, day, ct));
}
