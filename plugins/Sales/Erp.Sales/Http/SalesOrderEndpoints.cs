using System.ComponentModel.DataAnnotations;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Printing;
using Erp.Sales.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Sales.Http;

internal static class SalesOrderEndpoints
{
    public static void MapSalesOrderEndpoints(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/api/sales/orders").WithTags("Sales orders").WithStandardProblems();
        orders.MapGet("", ListAsync).WithName("ListSalesOrders").RequirePermission(SalesPermissions.Orders)
            .WithSummary("Quotations and orders of the caller's companies, newest first; searched by number, narrowed to a company, a customer or a status.");
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetSalesOrder").RequirePermission(SalesPermissions.Orders);
        orders.MapPost("", CreateAsync).WithName("CreateQuotation").RequirePermission(SalesPermissions.ManageOrders)
            .WithSummary("Writes a quotation: prices from the customer's price lists unless given, taxes from the company's rates, totals computed here.");
        orders.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateQuotation").RequirePermission(SalesPermissions.ManageOrders)
            .WithSummary("Rewrites a quotation (an order is not edited).");
        orders.MapPost("/{id:guid}/confirmation", ConfirmAsync).WithName("ConfirmSalesOrder").RequirePermission(SalesPermissions.ManageOrders)
            .WithSummary("Makes the quotation an order: its number, the customer's credit checked, its stock reserved, all or nothing (409 when stock or credit falls short).");
        orders.MapPost("/{id:guid}/deliveries", DeliverAsync).WithName("DeliverSalesOrder").RequirePermission(SalesPermissions.Deliver)
            .WithSummary("A delivery note for all or part of what is left to deliver; its stock leaves the warehouse.");
        orders.MapPost("/{id:guid}/cancellation", CancelAsync).WithName("CancelSalesOrder").RequirePermission(SalesPermissions.ManageOrders)
            .WithSummary("Cancels a quotation, or an order nothing of which was delivered; its reserved stock is free again.");
        orders.MapGet("/{id:guid}/pdf", PrintAsync).WithName("PrintSalesOrder").RequirePermission(SalesPermissions.Orders)
            .Produces(StatusCodes.Status200OK, contentType: PrintedDocument.ContentType)
            .WithSummary("The quotation (until confirmed) or the order confirmation as a PDF, in the language asked for (de, ar, ...) or the caller's.");
        orders.MapPost("/{id:guid}/mail", MailAsync).WithName("MailSalesOrder").RequirePermission(SalesPermissions.ManageOrders)
            .WithProblemResponses(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Mails the quotation or order confirmation as a PDF to the customer (or the address given); the PDF stays attached to the order.");
        orders.MapGet("/{id:guid}/deliveries/{deliveryId:guid}/pdf", PrintDeliveryNoteAsync).WithName("PrintDeliveryNote").RequirePermission(SalesPermissions.Orders)
            .Produces(StatusCodes.Status200OK, contentType: PrintedDocument.ContentType)
            .WithSummary("A delivery's note as a PDF: what left, for which order, to where; no prices.");

        api.MapGet("/api/sales/statistics", StatisticsAsync).WithTags("Sales orders").WithStandardProblems().WithName("GetSalesStatistics")
            .RequirePermission(SalesPermissions.Orders)
            .WithSummary("Orders confirmed per day and their net revenue per currency, the last days up to today (UTC), from the read replica.");
    }

    private static async Task<Ok<Page<SalesOrderDto>>> ListAsync(SalesOrderService orders, CancellationToken ct, [StringLength(40)] string? search = null,
        Guid? companyId = null, Guid? customerId = null, SalesOrderStatus? status = null, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await orders.ListAsync(new SalesOrderFilter(search, companyId, customerId, status), skip, take, ct));

    private static async Task<Ok<SalesOrderDto>> GetAsync(Guid id, SalesOrderService orders, CancellationToken ct) => TypedResults.Ok(await orders.GetAsync(id, ct));

    private static async Task<Created<SalesOrderDto>> CreateAsync(SaveSalesOrderRequest body, SalesOrderService orders, CancellationToken ct)
    {
        var order = await orders.CreateQuotationAsync(body, ct);
        return TypedResults.Created($"/api/sales/orders/{order.Id}", order);
    }

    private static async Task<Ok<SalesOrderDto>> UpdateAsync(Guid id, SaveSalesOrderRequest body, SalesOrderService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.UpdateQuotationAsync(id, body, ct));

    private static async Task<Ok<SalesOrderDto>> ConfirmAsync(Guid id, ConfirmSalesOrderRequest body, SalesOrderService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.ConfirmAsync(id, body.Version, ct));

    private static async Task<Ok<DeliveryDto>> DeliverAsync(Guid id, DeliverSalesOrderRequest body, SalesOrderService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.DeliverAsync(id, body, ct));

    private static async Task<FileContentHttpResult> PrintAsync(Guid id, SalesDocuments documents, CancellationToken ct, [StringLength(10)] string? language = null) =>
        File(await documents.PrintAsync(id, language, ct));

    private static async Task<Accepted<DocumentMailedDto>> MailAsync(Guid id, MailDocumentRequest body, SalesDocuments documents, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await documents.MailAsync(id, body, ct));

    private static async Task<FileContentHttpResult> PrintDeliveryNoteAsync(Guid id, Guid deliveryId, SalesDocuments documents, CancellationToken ct,
        [StringLength(10)] string? language = null) =>
        File(await documents.PrintDeliveryNoteAsync(id, deliveryId, language, ct));

    private static async Task<Ok<SalesOrderDto>> CancelAsync(Guid id, SalesOrderService orders, CancellationToken ct) =>
        TypedResults.Ok(await orders.CancelAsync(id, ct));

    private static async Task<Ok<SalesStatisticsDto>> StatisticsAsync(SalesStatistics statistics, CancellationToken ct, [Range(1, 366)] int days = 30) =>
        TypedResults.Ok(await statistics.DailyAsync(days, ct));

    private static FileContentHttpResult File(PrintedDocument document) => TypedResults.File(document.Content, PrintedDocument.ContentType, document.FileName);
}
