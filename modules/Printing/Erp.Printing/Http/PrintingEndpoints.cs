using System.ComponentModel.DataAnnotations;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Printing.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Printing.Http;

internal static class PrintingEndpoints
{
    public static void MapPrintingEndpoints(this IEndpointRouteBuilder api)
    {
        var templates = api.MapGroup("/api/printing/templates").WithTags("Printing").WithStandardProblems();
        templates.MapGet("", ListAsync).WithName("ListPrintTemplates").RequirePermission(PrintingPermissions.Default)
            .WithSummary("Every printable document modules and plugins declared, with its sample values and the administrators' overrides.");
        templates.MapGet("/{name}", GetAsync).WithName("GetPrintTemplate").RequirePermission(PrintingPermissions.Default)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        templates.MapPut("/{name}/overrides/{language}", SaveOverrideAsync).WithName("SavePrintTemplateOverride").RequirePermission(PrintingPermissions.Templates)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Replaces the template's HTML (Liquid) for one language (de, ar, ...) or for all without their own (all).");
        templates.MapDelete("/{name}/overrides/{language}", DeleteOverrideAsync).WithName("DeletePrintTemplateOverride").RequirePermission(PrintingPermissions.Templates)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Goes back to the module's template for that language.");
        templates.MapPost("/{name}/preview", PreviewAsync).WithName("PreviewPrintTemplate").RequirePermission(PrintingPermissions.Default)
            .Produces(StatusCodes.Status200OK, contentType: PrintedDocument.ContentType)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Prints the template, or the HTML sent (before saving it), with its sample values as a PDF, on the caller's company's letterhead.");
    }

    private static async Task<Ok<IReadOnlyList<PrintTemplateDto>>> ListAsync(PrintTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(ct));

    private static async Task<Ok<PrintTemplateDto>> GetAsync([StringLength(200)] string name, PrintTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.GetAsync(name, ct));

    private static async Task<Ok<PrintTemplateOverrideDto>> SaveOverrideAsync([StringLength(200)] string name, [StringLength(10)] string language,
        SavePrintTemplateOverrideRequest body, PrintTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.SaveOverrideAsync(name, language, body, ct));

    private static async Task<NoContent> DeleteOverrideAsync([StringLength(200)] string name, [StringLength(10)] string language,
        PrintTemplateService templates, CancellationToken ct)
    {
        await templates.DeleteOverrideAsync(name, language, ct);
        return TypedResults.NoContent();
    }

    private static async Task<FileContentHttpResult> PreviewAsync([StringLength(200)] string name, PreviewPrintTemplateRequest body, PrintTemplateService templates,
        CancellationToken ct)
    {
        var preview = await templates.PreviewAsync(name, body, ct);
        return TypedResults.File(preview.Content, PrintedDocument.ContentType, preview.FileName);
    }
}

