using Erp.Companies.Application;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Companies.Http;

internal static class CompanyEndpoints
{
    public static void MapCompanyEndpoints(this IEndpointRouteBuilder api)
    {
        var companies = api.MapGroup("/api/companies").WithTags("Companies").WithStandardProblems();
        companies.MapGet("", ListAsync).WithName("ListCompanies").RequirePermission(CompaniesPermissions.Default)
            .WithSummary("Every company of the installation.");
        companies.MapPost("", CreateAsync).WithName("CreateCompany").RequirePermission(CompaniesPermissions.Manage)
            .WithSummary("Creates a company; its creator works in it.");
        companies.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateCompany").RequirePermission(CompaniesPermissions.Manage)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        companies.MapGet("/{id:guid}/members", MembersAsync).WithName("GetCompanyMembers").RequirePermission(CompaniesPermissions.Default)
            .WithProblemResponses(StatusCodes.Status404NotFound);
        companies.MapPut("/{id:guid}/members", UpdateMembersAsync).WithName("UpdateCompanyMembers").RequirePermission(CompaniesPermissions.Manage)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Adds and removes the users and integration clients who work in the company.");
        companies.MapGet("/mine", MineAsync).WithName("GetMyCompanies").RequireSignedIn()
            .WithSummary("The companies the caller works in, which one this request works in, and their default.");
        companies.MapPut("/mine/default", SetDefaultAsync).WithName("SetMyDefaultCompany").RequireSignedIn()
            .WithSummary("The company the user's requests work in when they send no company header.");
    }

    private static async Task<Ok<IReadOnlyList<CompanyDto>>> ListAsync(CompanyService companies, CancellationToken ct) => TypedResults.Ok(await companies.ListAsync(ct));

    private static async Task<Created<CompanyDto>> CreateAsync(SaveCompanyRequest body, CompanyService companies, CancellationToken ct)
    {
        var company = await companies.CreateAsync(body, ct);
        return TypedResults.Created($"/api/companies/{company.Id}", company);
    }

    private static async Task<Ok<CompanyDto>> UpdateAsync(Guid id, SaveCompanyRequest body, CompanyService companies, CancellationToken ct) =>
        TypedResults.Ok(await companies.UpdateAsync(id, body, ct));

    private static async Task<Ok<CompanyMembersDto>> MembersAsync(Guid id, CompanyService companies, CancellationToken ct) =>
        TypedResults.Ok(await companies.MembersAsync(id, ct));

    private static async Task<NoContent> UpdateMembersAsync(Guid id, UpdateCompanyMembersRequest body, CompanyService companies, CancellationToken ct)
    {
        await companies.UpdateMembersAsync(id, body, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<MyCompanyDto>>> MineAsync(CompanyService companies, CancellationToken ct) => TypedResults.Ok(await companies.MineAsync(ct));

    private static async Task<NoContent> SetDefaultAsync(SetDefaultCompanyRequest body, CompanyService companies, CancellationToken ct)
    {
        await companies.SetDefaultAsync(body, ct);
        return TypedResults.NoContent();
    }
}
