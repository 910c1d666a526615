using Acme.Plugin.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Acme.Plugin.Http;

/// <summary>
/// /api/acme-plugin/items. Every endpoint needs a signed-in caller holding its permission; bad input is answered with
/// RFC 9457 problem details (400 with the fields, 404, 409 with the broken rule's code) before anything is written.
/// </summary>
internal static class ItemEndpoints
{
    public static void MapItemEndpoints(this IEndpointRouteBuilder api)
    {
        var items = api.MapGroup("/api/acme-plugin/items").WithTags("Acme.Plugin items").WithStandardProblems();
        items.MapGet("", ListAsync).WithName("ListAcmePluginItems").RequirePermission(PluginPermissions.Items)
            .WithSummary("The items of the companies the caller works in, by code.");
        items.MapGet("/{id:guid}", GetAsync).WithName("GetAcmePluginItem").RequirePermission(PluginPermissions.Items);
        items.MapPost("", CreateAsync).WithName("CreateAcmePluginItem").RequirePermission(PluginPermissions.ManageItems)
            .WithSummary("Adds an item to the request's company.");
        items.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateAcmePluginItem").RequirePermission(PluginPermissions.ManageItems);
        items.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAcmePluginItem").RequirePermission(PluginPermissions.ManageItems);
    }

    private static async Task<Ok<IReadOnlyList<ItemDto>>> ListAsync(ItemService items, CancellationToken ct) => TypedResults.Ok(await items.ListAsync(ct));

    private static async Task<Ok<ItemDto>> GetAsync(Guid id, ItemService items, CancellationToken ct) => TypedResults.Ok(await items.GetAsync(id, ct));

    private static async Task<Created<ItemDto>> CreateAsync(SaveItemRequest body, ItemService items, CancellationToken ct)
    {
        var item = await items.CreateAsync(body, ct);
        return TypedResults.Created($"/api/acme-plugin/items/{item.Id}", item);
    }

    private static async Task<Ok<ItemDto>> UpdateAsync(Guid id, SaveItemRequest body, ItemService items, CancellationToken ct) =>
        TypedResults.Ok(await items.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, ItemService items, CancellationToken ct)
    {
        await items.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
