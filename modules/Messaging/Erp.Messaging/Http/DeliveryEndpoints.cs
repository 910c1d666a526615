using System.ComponentModel.DataAnnotations;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Messaging.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Messaging.Http;

internal static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder api)
    {
        var deliveries = api.MapGroup("/api/messaging/deliveries").WithTags("Messaging").WithStandardProblems();
        deliveries.MapGet("", ListAsync).WithName("ListDeliveries").RequirePermission(MessagingPermissions.Deliveries)
            .WithSummary("Integration event deliveries, newest first; filter by status to find dead ones.");
        deliveries.MapPost("/retry", RetryAsync).WithName("RetryDelivery").RequirePermission(MessagingPermissions.Retry)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Makes a dead delivery due again, with a fresh set of attempts.");
    }

    private static async Task<Ok<Page<DeliveryDto>>> ListAsync(
        DeliveryService deliveries, CancellationToken ct, DeliveryState? status = null, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await deliveries.ListAsync(status, skip, take, ct));

    private static async Task<NoContent> RetryAsync(RetryDeliveryRequest body, DeliveryService deliveries, CancellationToken ct)
    {
        await deliveries.RetryAsync(body, ct);
        return TypedResults.NoContent();
    }
}
