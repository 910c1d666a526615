using Erp.Kernel.Domain;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Erp.Companies.Application;

/// <summary>The request's companies, settled once by <see cref="CurrentCompanyMiddleware"/>.</summary>
internal sealed record RequestCompany(Guid? Id, Guid[] Allowed);

/// <summary>
/// Reads the request's companies. Background work that said which company it does (<see cref="CompanyWork"/>) runs in
/// exactly that one. Otherwise, outside a request there is no caller to restrict: start-up, migrations and recurring
/// jobs work as the system. A request the middleware has not settled (anonymous, or before it ran) works in none.
/// </summary>
internal sealed class HttpCurrentCompany(IHttpContextAccessor accessor, CompanyWork work) : ICurrentCompany
{
    private static readonly RequestCompany NoCompany = new(null, []);
    private RequestCompany? _work;

    private RequestCompany? Request => work.CompanyId is { } company ? _work ??= new RequestCompany(company, [company])
        : accessor.HttpContext is { } context ? context.Features.Get<RequestCompany>() ?? NoCompany : null;

    public Guid? Id => Request?.Id;

    public IReadOnlyList<Guid> Allowed => Request?.Allowed ?? [];

    public bool IsUnrestricted => work.CompanyId is null && accessor.HttpContext is null;
}

/// <summary>
/// Settles each signed-in request's company: the one the <c>X-Company</c> header names (a company the caller does not
/// work in is a 403 problem before the endpoint runs), else the caller's default, else their first.
/// </summary>
internal sealed class CurrentCompanyMiddleware(RequestDelegate next, CallerCompanies companies)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Scoped: from the request's services, not a parameter (ConventionTests.Middlewares_InvokeWithTheHttpContextOnly).
        var caller = context.RequestServices.GetRequiredService<ICurrentUser>();
        if (!caller.IsAuthenticated)
        {
            await next(context);
            return;
        }

        var access = await companies.OfAsync(context, caller);
        Guid? current = access.Default is { } preferred && access.Allowed.Contains(preferred) ? preferred
            : access.Allowed.Length > 0 ? access.Allowed[0] : null;
        if (context.Request.Headers[CompanyHeader.Name] is [{ } named])
        {
            if (!Guid.TryParse(named, out var id) || !access.Allowed.Contains(id))
            {
                await context.WriteProblemAsync(StatusCodes.Status403Forbidden, CompanyErrors.Forbidden, new LocalizableText(CompanyErrors.Forbidden));
                return;
            }

            current = id;
        }

        context.Features.Set(new RequestCompany(current, access.Allowed));
        await next(context);
    }
}
