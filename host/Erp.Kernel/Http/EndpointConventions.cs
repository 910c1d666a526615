using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Erp.Kernel.Http;

public static class EndpointConventions
{
    /// <summary>Declares, once per group, the problem responses every Erp endpoint may give, for OpenAPI and clients.</summary>
    public static TBuilder WithStandardProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in new[] { 400, 404, 409, 500, 503 })
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }
}

/// <summary>Answers 503 for endpoints of a plugin that failed after loading, instead of running its broken code.</summary>
internal sealed class ModuleAvailabilityMiddleware(RequestDelegate next, PluginRegistry plugins, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var module = context.GetEndpoint()?.Metadata.GetMetadata<ModuleEndpointMetadata>();
        if (module is null || plugins.IsAvailable(module.ModuleId))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = $"Plugin '{module.ModuleId}' failed; see GET /api/plugins.",
                Extensions = { ["code"] = ProblemTypes.PluginUnavailable },
            },
        });
    }
}
