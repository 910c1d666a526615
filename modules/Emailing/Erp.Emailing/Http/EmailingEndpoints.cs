using System.ComponentModel.DataAnnotations;
using Erp.Emailing.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Emailing.Http;

internal static class EmailingEndpoints
{
    public static void MapEmailingEndpoints(this IEndpointRouteBuilder api)
    {
        var emailing = api.MapGroup("/api/emailing").WithTags("Emailing").WithStandardProblems();
        emailing.MapGet("/messages", ListMessagesAsync).WithName("ListEmailMessages").RequirePermission(EmailingPermissions.Default)
            .WithSummary("Requested mail, newest first, with where each is: queued, sending, sent, or failed and why.");
        emailing.MapPost("/test", SendTestAsync).WithName("SendTestEmail").RequirePermission(EmailingPermissions.Default)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Queues the test mail (or a template with its sample values) to an address, to check the relay and templates.");

        var templates = emailing.MapGroup("/templates");
        templates.MapGet("", ListTemplatesAsync).WithName("ListEmailTemplates").RequirePermission(EmailingPermissions.Default)
            .WithSummary("Every mail template modules declared, with the administrators' overrides.");
        templates.MapGet("/{name}", GetTemplateAsync).WithName("GetEmailTemplate").RequirePermission(EmailingPermissions.Default)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        templates.MapPut("/{name}/overrides/{language}", SaveOverrideAsync).WithName("SaveEmailTemplateOverride").RequirePermission(EmailingPermissions.Templates)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Replaces the template's parts for one language (de, ar, ...) or for all without their own (all).");
        templates.MapDelete("/{name}/overrides/{language}", DeleteOverrideAsync).WithName("DeleteEmailTemplateOverride").RequirePermission(EmailingPermissions.Templates)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Goes back to the module's parts for that language.");
        templates.MapPost("/{name}/preview", PreviewAsync).WithName("PreviewEmailTemplate").RequirePermission(EmailingPermissions.Default)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Renders the template, or the parts sent (before saving them), with its sample values, in a language.");
    }

    private static async Task<Ok<IReadOnlyList<EmailMessageDto>>> ListMessagesAsync(EmailMessageService messages, CancellationToken ct,
        EmailStatus? status = null, [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await messages.ListAsync(status, skip, take, ct));

    private static async Task<Accepted<Guid>> SendTestAsync(SendTestEmailRequest body, EmailMessageService messages, CancellationToken ct) =>
        TypedResults.Accepted((string?)null, await messages.SendTestAsync(body, ct));

    private static async Task<Ok<IReadOnlyList<EmailTemplateDto>>> ListTemplatesAsync(EmailTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(ct));

    private static async Task<Ok<EmailTemplateDto>> GetTemplateAsync([StringLength(200)] string name, EmailTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.GetAsync(name, ct));

    private static async Task<Ok<EmailTemplateOverrideDto>> SaveOverrideAsync([StringLength(200)] string name, [StringLength(10)] string language,
        SaveEmailTemplateOverrideRequest body, EmailTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.SaveOverrideAsync(name, language, body, ct));

    private static async Task<NoContent> DeleteOverrideAsync([StringLength(200)] string name, [StringLength(10)] string language,
        EmailTemplateService templates, CancellationToken ct)
    {
        await templates.DeleteOverrideAsync(name, language, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<EmailPreviewDto>> PreviewAsync([StringLength(200)] string name, PreviewEmailRequest body, EmailTemplateService templates,
        CancellationToken ct) =>
        TypedResults.Ok(await templates.PreviewAsync(name, body, ct));
}
