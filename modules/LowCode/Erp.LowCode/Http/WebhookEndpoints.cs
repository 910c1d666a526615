using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.LowCode.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.LowCode.Http;

internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var webhooks = api.MapGroup("/api/low-code/webhooks").WithTags("Low-code").WithStandardProblems();
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks").RequirePermission(LowCodePermissions.Webhooks)
            .WithSummary("The subscriptions of outside systems to records, in the caller's companies.");
        webhooks.MapPost("", CreateAsync).WithName("CreateWebhook").RequirePermission(LowCodePermissions.ManageWebhooks)
            .WithProblemResponses(StatusCodes.Status409Conflict)
            .WithSummary("Subscribes an outside system to an entity's records in the current company; answers its signing secret, this once.");
        webhooks.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateWebhook").RequirePermission(LowCodePermissions.ManageWebhooks)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        webhooks.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook").RequirePermission(LowCodePermissions.ManageWebhooks)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").RequirePermission(LowCodePermissions.Webhooks)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The subscription's latest deliveries (100), newest first, with their attempts and the last answer.");
        webhooks.MapPost("/deliveries/{id:guid}/redeliver", RedeliverAsync).WithName("RedeliverWebhook").RequirePermission(LowCodePermissions.ManageWebhooks)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Sends a delivery again, with a fresh set of attempts.");
    }

    private static async Task<Ok<IReadOnlyList<WebhookDto>>> ListAsync(WebhookService webhooks, CancellationToken ct) => TypedResults.Ok(await webhooks.ListAsync(ct));

    private static async Task<Created<CreatedWebhookDto>> CreateAsync(SaveWebhookRequest body, WebhookService webhooks, CancellationToken ct)
    {
        var created = await webhooks.CreateAsync(body, ct);
        return TypedResults.Created($"/api/low-code/webhooks/{created.Webhook.Id}", created);
    }

    private static async Task<Ok<WebhookDto>> UpdateAsync(Guid id, SaveWebhookRequest body, WebhookService webhooks, CancellationToken ct) =>
        TypedResults.Ok(await webhooks.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, WebhookService webhooks, CancellationToken ct)
    {
        await webhooks.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryDto>>> DeliveriesAsync(Guid id, WebhookService webhooks, CancellationToken ct,
        WebhookDeliveryStatus? status = null) =>
        TypedResults.Ok(await webhooks.DeliveriesAsync(id, status, ct));

    private static async Task<Accepted<WebhookDeliveryDto>> RedeliverAsync(Guid id, WebhookService webhooks, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await webhooks.RedeliverAsync(id, ct));
}
