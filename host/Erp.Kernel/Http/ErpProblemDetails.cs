using Erp.Kernel.Domain;
using Erp.Kernel.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Kernel.Http;

/// <summary>
/// Gives every problem response, whoever wrote it (the exception handler, status code pages, validation,
/// rate limiting), the same shape: a <c>code</c>, a <c>type</c> built from it, the code's title in the reader's
/// language, validation messages in it too, the request path as <c>instance</c>, and the trace id (added by ASP.NET Core).
/// The <c>code</c> never changes with the language: clients branch on it.
/// </summary>
public static class ErpProblemDetails
{
    /// <summary>Base of every problem <c>type</c> URI; configurable as <c>Problems:TypeBaseUri</c>.</summary>
    public const string DefaultTypeBaseUri = "urn:erp:problem:";

    public static void Customize(ProblemDetailsContext context, string typeBaseUri)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;

        var code = problem.Extensions.TryGetValue("code", out var given) && given is string s ? s
            : problem is HttpValidationProblemDetails ? ProblemTypes.Validation
            : ProblemTypes.DefaultCode(status);
        problem.Extensions["code"] = code;
        problem.Type = typeBaseUri + code;
        var texts = context.HttpContext.RequestServices.GetRequiredService<CatalogStringLocalizer>();
        var culture = RequestCulture.Of(context.HttpContext);
        problem.Title = texts.Text(ProblemTypes.Title(code, status), culture);
        if (problem is HttpValidationProblemDetails validation)
        {
            var messages = context.HttpContext.RequestServices.GetRequiredService<ValidationMessages>();
            foreach (var errors in validation.Errors.Values)
            {
                for (var i = 0; i < errors.Length; i++) errors[i] = messages.Translate(errors[i], culture);
            }
        }

        problem.Instance ??= context.HttpContext.Request.Path;
    }

    /// <summary>
    /// Answers the request with a problem of <paramref name="status"/> and <paramref name="code"/>, its detail in the
    /// reader's language, for middleware that has no endpoint result to return.
    /// </summary>
    public static Task WriteProblemAsync(this HttpContext context, int status, string code, LocalizableText detail)
    {
        context.Response.StatusCode = status;
        var texts = context.RequestServices.GetRequiredService<CatalogStringLocalizer>();
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = texts.Text(detail, RequestCulture.Of(context)), Extensions = { ["code"] = code } },
        }).AsTask();
    }
}
