using System.ComponentModel.DataAnnotations;
using Erp.Invoicing.Application;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Printing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Invoicing.Http;

internal static class InvoiceEndpoints
{
    public static void MapInvoiceEndpoints(this IEndpointRouteBuilder api)
    {
        var invoices = api.MapGroup("/api/invoicing/invoices").WithTags("Invoices").WithStandardProblems();
        invoices.MapGet("", ListAsync).WithName("ListInvoices").RequirePermission(InvoicingPermissions.Invoices)
            .WithSummary("Invoices and credit notes of the caller's companies, newest first; narrowed to a company, a customer, an order, a status or a kind.");
        invoices.MapGet("/{id:guid}", GetAsync).WithName("GetInvoice").RequirePermission(InvoicingPermissions.Invoices);
        invoices.MapPost("", InvoiceOrderAsync).WithName("InvoiceSalesOrder").RequirePermission(InvoicingPermissions.ManageInvoices)
            .WithSummary("A draft invoice for what the order delivered (or ordered) and was not invoiced yet.");
        invoices.MapPut("/{id:guid}", ChangeDraftAsync).WithName("ChangeDraftInvoice").RequirePermission(InvoicingPermissions.ManageInvoices)
            .WithSummary("Changes a draft's dates and note; a posted invoice never changes (409).");
        invoices.MapDelete("/{id:guid}", DeleteDraftAsync).WithName("DeleteDraftInvoice").RequirePermission(InvoicingPermissions.ManageInvoices);
        invoices.MapPost("/{id:guid}/posting", PostAsync).WithName("PostInvoice").RequirePermission(InvoicingPermissions.ManageInvoices)
            .WithSummary("Numbers the draft (gap-free per company and year) and dates it; from then on it is corrected only by a credit note.");
        invoices.MapPost("/{id:guid}/payments", PayAsync).WithName("RecordPayment").RequirePermission(InvoicingPermissions.Payments)
            .WithSummary("Money received; never more than is open. Settled in full, the invoice is paid.");
        invoices.MapPost("/{id:guid}/credit-notes", CreditAsync).WithName("CreditInvoice").RequirePermission(InvoicingPermissions.ManageInvoices)
            .WithSummary("A credit note, posted at once, for the whole invoice or units of its lines; it offsets what is still open.");
        invoices.MapGet("/{id:guid}/pdf", PrintAsync).WithName("PrintInvoice").RequirePermission(InvoicingPermissions.Invoices)
            .Produces(StatusCodes.Status200OK, contentType: PrintedDocument.ContentType)
            .WithSummary("The invoice or credit note as a PDF (a draft marked as one), in the language asked for (de, ar, ...) or the caller's.");
        invoices.MapPost("/{id:guid}/mail", MailAsync).WithName("MailInvoice").RequirePermission(InvoicingPermissions.ManageInvoices)
            .WithProblemResponses(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Mails the posted invoice or credit note as a PDF to the customer (or the address given); the PDF stays attached to it.");
    }

    private static async Task<Ok<Page<InvoiceDto>>> ListAsync(InvoiceService invoices, CancellationToken ct, Guid? companyId = null, Guid? customerId = null,
        Guid? salesOrderId = null, InvoiceStatus? status = null, InvoiceKind? kind = null, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await invoices.ListAsync(new InvoiceFilter(companyId, customerId, salesOrderId, status, kind), skip, take, ct));

    private static async Task<Ok<InvoiceDto>> GetAsync(Guid id, InvoiceService invoices, CancellationToken ct) => TypedResults.Ok(await invoices.GetAsync(id, ct));

    private static async Task<Created<InvoiceDto>> InvoiceOrderAsync(InvoiceSalesOrderRequest body, InvoiceService invoices, CancellationToken ct)
    {
        var invoice = await invoices.InvoiceOrderAsync(body, ct);
        return TypedResults.Created($"/api/invoicing/invoices/{invoice.Id}", invoice);
    }

    private static async Task<Ok<InvoiceDto>> ChangeDraftAsync(Guid id, ChangeDraftRequest body, InvoiceService invoices, CancellationToken ct) =>
        TypedResults.Ok(await invoices.ChangeDraftAsync(id, body, ct));

    private static async Task<NoContent> DeleteDraftAsync(Guid id, InvoiceService invoices, CancellationToken ct)
    {
        await invoices.DeleteDraftAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<InvoiceDto>> PostAsync(Guid id, PostInvoiceRequest body, InvoiceService invoices, CancellationToken ct) =>
        TypedResults.Ok(await invoices.PostAsync(id, body.Version, ct));

    private static async Task<Ok<InvoiceDto>> PayAsync(Guid id, RecordPaymentRequest body, InvoiceService invoices, CancellationToken ct) =>
        TypedResults.Ok(await invoices.PayAsync(id, body, ct));

    private static async Task<Created<InvoiceDto>> CreditAsync(Guid id, CreditInvoiceRequest body, InvoiceService invoices, CancellationToken ct)
    {
        var note = await invoices.CreditAsync(id, body, ct);
        return TypedResults.Created($"/api/invoicing/invoices/{note.Id}", note);
    }

    private static async Task<FileContentHttpResult> PrintAsync(Guid id, InvoiceDocuments documents, CancellationToken ct, [StringLength(10)] string? language = null)
    {
        var document = await documents.PrintAsync(id, language, ct);
        return TypedResults.File(document.Content, PrintedDocument.ContentType, document.FileName);
    }

    private static async Task<Accepted<DocumentMailedDto>> MailAsync(Guid id, MailDocumentRequest body, InvoiceDocuments documents, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await documents.MailAsync(id, body, ct));
}
