using Erp.Kernel.Domain;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Erp.Kernel.Http;

public static class EndpointConventions
{
    /// <summary>Declares, once per group, the problem responses every Erp endpoint may give, for OpenAPI and clients.</summary>
    public static TBuilder WithStandardProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithProblemResponses(400, 404, 409, 500, 503);

    /// <summary>
    /// Declares that the endpoint answers 200 with a file of one of these types: in OpenAPI, binary content, which generated
    /// clients read as a blob rather than text.
    /// </summary>
    public static TBuilder ProducesFile<TBuilder>(this TBuilder builder, params string[] contentTypes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), contentTypes));

    /// <summary>Declares that the endpoint may answer these statuses with problem details.</summary>
    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }
}

/// <summary>
/// Answers 404 <c>plugin-unavailable</c> for endpoints of a plugin that failed after mapping them, instead of running its
/// broken code: the same status as the routes of a plugin that never got that far, with the reason.
/// </summary>
internal sealed class ModuleAvailabilityMiddleware(RequestDelegate next, PluginRegistry plugins)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var module = endpoint?.Metadata.GetMetadata<ModuleEndpointMetadata>();
        var anonymousMayKnow = endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        // An anonymous caller goes on to authorization and its 401, as for any endpoint that needs a signed-in caller.
        if (module is null || plugins.IsAvailable(module.ModuleId) || !(anonymousMayKnow || context.User.Identity?.IsAuthenticated == true))
        {
            await next(context);
            return;
        }

        await context.WriteProblemAsync(StatusCodes.Status404NotFound, ProblemTypes.PluginUnavailable,
            new LocalizableText(ProblemTypes.PluginUnavailable, module.ModuleId));
    }
}

/// <summary>
/// The audit log records successful reads of this endpoint too (by default only changes and failures are recorded):
/// for reads of sensitive data, such as salaries or personal records.
/// </summary>
public sealed class AuditReadsMetadata
{
    public static AuditReadsMetadata Instance { get; } = new();
}

public static class AuditEndpointConventions
{
    /// <inheritdoc cref="AuditReadsMetadata"/>
    public static TBuilder AuditReads<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AuditReadsMetadata.Instance);
}

/// <summary>
/// The endpoint begins and ends transactions of its own (schema changes, whose concurrent index builds PostgreSQL runs
/// outside any transaction), so no unit of work may wrap it: an <c>Idempotency-Key</c> sent to it is not honoured.
/// Such an endpoint is repeatable by design (sending the same definitions again changes nothing).
/// </summary>
public sealed class OwnTransactionsMetadata
{
    public static OwnTransactionsMetadata Instance { get; } = new();
}

public static class TransactionEndpointConventions
{
    /// <inheritdoc cref="OwnTransactionsMetadata"/>
    public static TBuilder WithOwnTransactions<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(OwnTransactionsMetadata.Instance);
}
