using Erp.Kernel.Data;
using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Erp.Kernel.Http;

/// <summary>
/// The one place exceptions become RFC 9457 problem details. Expected failures (not found, broken rule,
/// conflict, unreadable request, unavailable database) get their status and code; anything else is a 500
/// that says nothing about the server, logged once with its trace id.
/// </summary>
internal sealed class ErpExceptionHandler(IProblemDetailsService problems, CatalogStringLocalizer texts, ILogger<ErpExceptionHandler> logger) : IExceptionHandler
{
    private const string UniqueViolation = "23505";
    private const string ForeignKeyViolation = "23503";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client went away: nobody to answer

        // A unique key the database enforced: the caller gets the generic conflict, the log the constraint's name
        // (it names the table and columns).
        var uniqueViolation = exception is DbUpdateException { InnerException: PostgresException { SqlState: UniqueViolation } violated } ? violated : null;
        // A row other rows refer to (a low-code reference to a plugin's record, say), which its owner tried to delete.
        var inUse = exception is DbUpdateException { InnerException: PostgresException { SqlState: ForeignKeyViolation } referred } ? referred : null;
        var (status, code, detail) = exception switch
        {
            InvalidFieldsException => (StatusCodes.Status400BadRequest, ProblemTypes.Validation, new LocalizableText(ProblemTypes.Validation)),
            BadHttpRequestException bad => (bad.StatusCode, ProblemTypes.DefaultCode(bad.StatusCode), new LocalizableText(ProblemTypes.DefaultCode(bad.StatusCode))),
            ErpProblemException refused => (StatusOf(refused), refused.Code, new LocalizableText(refused.Code, [.. refused.Arguments])),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, ProblemTypes.ConcurrencyConflict, new LocalizableText(ProblemTypes.ConcurrencyConflict)),
            _ when uniqueViolation is not null => (StatusCodes.Status409Conflict, ProblemTypes.Conflict, new LocalizableText(ProblemTypes.Conflict)),
            _ when inUse is not null => (StatusCodes.Status409Conflict, ProblemTypes.RecordInUse, new LocalizableText(ProblemTypes.RecordInUse)),
            _ when DatabaseFailures.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.DatabaseUnavailable,
                new LocalizableText(ProblemTypes.DatabaseUnavailable)),
            _ when DatabaseFailures.IsSchemaChange(exception) => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.SchemaChanged,
                new LocalizableText(ProblemTypes.SchemaChanged)),
            _ => (StatusCodes.Status500InternalServerError, ProblemTypes.Unexpected, null),
        };

        if (uniqueViolation is not null)
            logger.LogWarning("Request {Method} {Path} hit unique constraint {Constraint}", context.Request.Method, context.Request.Path, uniqueViolation.ConstraintName);
        if (inUse is not null)
            logger.LogWarning("Request {Method} {Path} hit foreign key {Constraint} of {Table}", context.Request.Method, context.Request.Path, inUse.ConstraintName, inUse.TableName);

        if (code == ProblemTypes.SchemaChanged)
            logger.LogWarning("Request {Method} {Path} met a table changed under a prepared statement: {Message}", context.Request.Method, context.Request.Path, exception.Message);
        else if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status} ({Code})",
                context.Request.Method, context.Request.Path, status, code);
        }

        // A changed schema is behind the request at once (Npgsql forgot the statement); an unavailable database takes longer.
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = code == ProblemTypes.SchemaChanged ? "1" : "5";
        context.Response.StatusCode = status;
        var culture = RequestCulture.Of(context);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = exception is InvalidFieldsException invalid
                ? new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value.Select(text => texts.Text(text, culture)).ToArray())) { Status = status, Detail = texts.Text(detail!, culture) }
                : new ProblemDetails { Status = status, Detail = detail is null ? null : texts.Text(detail, culture), Extensions = { ["code"] = code } },
        });
    }

    private static int StatusOf(ErpProblemException refused) => refused switch
    {
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        RequestRejectedException => StatusCodes.Status422UnprocessableEntity,
        PayloadTooLargeException => StatusCodes.Status413PayloadTooLarge,
        ServiceUnavailableException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict, // a broken business rule
    };
}
