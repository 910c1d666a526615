using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Sample.Application;
using Erp.Sample.ExchangeRates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Sample.Http;

internal static class ExchangeRateEndpoints
{
    public static void MapExchangeRateEndpoints(this IEndpointRouteBuilder api)
    {
        var rates = api.MapGroup("/api/sample/exchange-rates").WithTags("Exchange rates").WithStandardProblems();
        rates.MapGet("", ListAsync).WithName("ListExchangeRates").RequirePermission(SamplePermissions.ExchangeRates.Default)
            .WithSummary("The exchange rates of the companies the caller works in.");
        rates.MapGet("/{id:guid}", GetAsync).WithName("GetExchangeRate").RequirePermission(SamplePermissions.ExchangeRates.Default);
        rates.MapPost("", CreateAsync).WithName("CreateExchangeRate").RequirePermission(SamplePermissions.ExchangeRates.Manage)
            .WithSummary("Adds a rate to the request's company.");
        rates.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteExchangeRate").RequirePermission(SamplePermissions.ExchangeRates.Manage);
    }

    private static async Task<Ok<IReadOnlyList<ExchangeRateDto>>> ListAsync(ExchangeRateService rates, CancellationToken ct) =>
        TypedResults.Ok(await rates.ListAsync(ct));

    private static async Task<Ok<ExchangeRateDto>> GetAsync(Guid id, ExchangeRateService rates, CancellationToken ct) =>
        TypedResults.Ok(await rates.GetAsync(id, ct));

    private static async Task<Created<ExchangeRateDto>> CreateAsync(CreateExchangeRateRequest body, ExchangeRateService rates, CancellationToken ct)
    {
        var rate = await rates.CreateAsync(body, ct);
        return TypedResults.Created($"/api/sample/exchange-rates/{rate.Id}", rate);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ExchangeRateService rates, CancellationToken ct)
    {
        await rates.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
