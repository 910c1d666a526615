using Erp.Kernel.Domain;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Erp.Kernel.Http;

/// <summary>
/// Turns authorization failures into the one error format: 401 <c>unauthenticated</c> (after the scheme's
/// challenge has set <c>WWW-Authenticate</c>) and 403 <c>forbidden</c> naming the missing permission.
/// </summary>
internal sealed class AuthorizationProblems : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        if (authorizeResult.Challenged)
        {
            foreach (var scheme in policy.AuthenticationSchemes.DefaultIfEmpty(null)) await context.ChallengeAsync(scheme);
            if (!context.Response.HasStarted)
                await context.WriteProblemAsync(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, new LocalizableText(ProblemTypes.Unauthenticated));
            return;
        }

        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().Select(r => r.Permission).ToArray() ?? [];
        await context.WriteProblemAsync(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, missing.Length > 0
            ? new LocalizableText("forbidden.permission", string.Join(", ", missing.Select(p => $"'{p}'")))
            : new LocalizableText(ProblemTypes.Forbidden));
    }
}
