using Erp.BlobStoring.Application;
using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Erp.BlobStoring.Http;

internal static class AttachmentEndpoints
{
    // The multipart framing around the file: boundaries, part headers, a long file name.
    private const long MultipartOverhead = 64 * 1024;

    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder api)
    {
        var attachments = api.MapGroup("/api/attachments/{entityType}/{entityId}").WithTags("Attachments").WithStandardProblems().RequireSignedIn();
        attachments.MapGet("", ListAsync).WithName("ListAttachments")
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("The files attached to an entity, newest first.");
        attachments.MapPost("", AttachAsync).WithName("AddAttachment")
            .Accepts<AttachmentUpload>("multipart/form-data")
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Attaches one file (multipart part `file`), checked by its content against the container's kinds and limit.");
        attachments.MapGet("/{id:guid}/content", DownloadAsync).WithName("DownloadAttachment")
            .ProducesFile("application/octet-stream").Produces(StatusCodes.Status206PartialContent)
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable)
            .WithSummary("The file's bytes; honours Range requests.");
        attachments.MapGet("/{id:guid}/link", LinkAsync).WithName("GetAttachmentLink")
            .WithProblemResponses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("A short-lived address the file downloads from directly (containers on S3).");
        attachments.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteAttachment")
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Removes the attachment; its bytes are deleted after the commit.");
    }

    private static async Task<Ok<IReadOnlyList<AttachmentDto>>> ListAsync(string entityType, string entityId, AttachmentService attachments, CancellationToken ct) =>
        TypedResults.Ok(await attachments.ListAsync(entityType, entityId, ct));

    private static async Task<Created<AttachmentDto>> AttachAsync(string entityType, string entityId, HttpContext context, AttachmentService attachments,
        BlobContainerCatalog containers, CancellationToken ct)
    {
        // The body may be as large as the container allows and no larger: checked from Content-Length before reading, and by
        // counting while the file streams in (the store refuses it the moment it passes the limit).
        var entity = await attachments.FindAsync(entityType, ct) ?? throw new NotFoundException(BlobStoringErrors.EntityTypeNotFound, entityType);
        var maxSize = containers.Get(entity.Container).MaxSize;
        if (context.Request.ContentLength > maxSize + MultipartOverhead) throw new PayloadTooLargeException(BlobStoringErrors.TooLarge, maxSize);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxSize + MultipartOverhead;

        var boundary = context.Request.GetMultipartBoundary()
            ?? throw new InvalidFieldsException("file", BlobStoringErrors.NoFile);
        // Part headers may carry a long name (in two encodings); the rule on names answers for it, not a parser limit.
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 64 * 1024 };
        while (await NextSectionAsync(reader, ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition()
                || disposition.Name.Value != "file") continue;
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            AttachmentDto attachment;
            try
            {
                attachment = await attachments.AttachAsync(entityType, entityId, new BlobUpload(fileName, section.ContentType, section.Body), ct);
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // Kestrel's limit on the whole body tripped before the store's count of the file's bytes: the same refusal.
                throw new PayloadTooLargeException(BlobStoringErrors.TooLarge, maxSize);
            }

            return TypedResults.Created($"/api/attachments/{entityType}/{entityId}/{attachment.Id}/content", attachment);
        }

        throw new InvalidFieldsException("file", BlobStoringErrors.NoFile);
    }

    private static async Task<IResult> DownloadAsync(string entityType, string entityId, Guid id, AttachmentService attachments, BlobStore store,
        HttpContext context, CancellationToken ct)
    {
        var blob = await attachments.FindAsync(entityType, entityId, id, ct);
        var content = await store.OpenAsync(blob, ct);
        // Never rendered by the browser as something else: the type the content was found to be, as a download.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(content, blob.ContentType, blob.FileName, blob.CreatedAt,
            new EntityTagHeaderValue($"\"{blob.Sha256}\""), enableRangeProcessing: true);
    }

    private static async Task<Ok<BlobLinkDto>> LinkAsync(string entityType, string entityId, Guid id, AttachmentService attachments, CancellationToken ct) =>
        TypedResults.Ok(await attachments.LinkAsync(entityType, entityId, id, ct));

    private static async Task<NoContent> DeleteAsync(string entityType, string entityId, Guid id, AttachmentService attachments, CancellationToken ct)
    {
        await attachments.DeleteAsync(entityType, entityId, id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw new InvalidFieldsException("file", BlobStoringErrors.NoFile);
        }
    }

    private static string? GetMultipartBoundary(this HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return null;
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200 ? null : boundary;
    }
}

/// <summary>
/// The form an attachment is sent in, as OpenAPI describes it (a part <c>file</c>); the endpoint streams the part itself
/// rather than binding this, so that a large file never sits in memory.
/// </summary>
public sealed record AttachmentUpload(IFormFile File);
