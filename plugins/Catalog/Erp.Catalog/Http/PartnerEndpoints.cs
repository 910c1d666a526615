using System.ComponentModel.DataAnnotations;
using Erp.Catalog.Application;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Catalog.Http;

internal static class PartnerEndpoints
{
    public static void MapPartnerEndpoints(this IEndpointRouteBuilder api)
    {
        var partners = api.MapGroup("/api/catalog/partners").WithTags("Partners").WithStandardProblems();
        partners.MapGet("", ListAsync).WithName("ListPartners").RequirePermission(CatalogPermissions.Partners)
            .WithSummary("Customers and suppliers of the caller's companies by name, a page at a time: searched by number or name, narrowed to a company, a role (customer, supplier) or the active flag.");
        partners.MapGet("/{id:guid}", GetAsync).WithName("GetPartner").RequirePermission(CatalogPermissions.Partners);
        partners.MapPost("", CreateAsync).WithName("CreatePartner").RequirePermission(CatalogPermissions.ManagePartners)
            .WithSummary("Adds a customer, a supplier or both to the request's company, with addresses and contacts.");
        partners.MapPut("/{id:guid}", UpdateAsync).WithName("UpdatePartner").RequirePermission(CatalogPermissions.ManagePartners)
            .WithSummary("Replaces the partner's details, addresses and contacts.");
        partners.MapDelete("/{id:guid}", DeleteAsync).WithName("DeletePartner").RequirePermission(CatalogPermissions.ManagePartners);
    }

    private static async Task<Ok<Page<PartnerDto>>> ListAsync(PartnerService partners, CancellationToken ct,
        [StringLength(100)] string? search = null, Guid? companyId = null, [AllowedValues(null, "customer", "supplier")] string? role = null, bool? active = null,
        [Range(0, int.MaxValue)] int skip = 0, [Range(1, 200)] int take = 50) =>
        TypedResults.Ok(await partners.ListAsync(new PartnerFilter(search, companyId, role, active), skip, take, ct));

    private static async Task<Ok<PartnerDto>> GetAsync(Guid id, PartnerService partners, CancellationToken ct) => TypedResults.Ok(await partners.GetAsync(id, ct));

    private static async Task<Created<PartnerDto>> CreateAsync(SavePartnerRequest body, PartnerService partners, CancellationToken ct)
    {
        var partner = await partners.CreateAsync(body, ct);
        return TypedResults.Created($"/api/catalog/partners/{partner.Id}", partner);
    }

    private static async Task<Ok<PartnerDto>> UpdateAsync(Guid id, SavePartnerRequest body, PartnerService partners, CancellationToken ct) =>
        TypedResults.Ok(await partners.UpdateAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, PartnerService partners, CancellationToken ct)
    {
        await partners.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
