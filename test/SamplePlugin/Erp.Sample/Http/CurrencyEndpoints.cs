using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Sample.Application;
using Erp.Sample.Currencies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Sample.Http;

internal static class CurrencyEndpoints
{
    public static void MapCurrencyEndpoints(this IEndpointRouteBuilder api)
    {
        var currencies = api.MapGroup("/api/sample/currencies").WithTags("Currencies").WithStandardProblems();
        currencies.MapGet("", ListAsync).WithName("ListCurrencies").RequirePermission(SamplePermissions.Currencies.Default);
        currencies.MapGet("/{id:guid}", GetAsync).WithName("GetCurrency").RequirePermission(SamplePermissions.Currencies.Default);
        currencies.MapPost("", CreateAsync).WithName("CreateCurrency").RequirePermission(SamplePermissions.Currencies.Manage);
        currencies.MapPut("/{id:guid}/name", RenameAsync).WithName("RenameCurrency").RequirePermission(SamplePermissions.Currencies.Manage);
        currencies.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCurrency").RequirePermission(SamplePermissions.Currencies.Manage);
        currencies.MapGet("/{id:guid}/name-history", NameHistoryAsync).WithName("GetCurrencyNameHistory").RequirePermission(SamplePermissions.Currencies.Default);
    }

    private static async Task<Ok<IReadOnlyList<CurrencyDto>>> ListAsync(CurrencyService currencies, CancellationToken ct) =>
        TypedResults.Ok(await currencies.ListAsync(ct));

    private static async Task<Ok<CurrencyDto>> GetAsync(Guid id, CurrencyService currencies, CancellationToken ct) =>
        TypedResults.Ok(await currencies.GetAsync(id, ct));

    private static async Task<Created<CurrencyDto>> CreateAsync(CreateCurrencyRequest body, CurrencyService currencies, CancellationToken ct)
    {
        var currency = await currencies.CreateAsync(body, ct);
        return TypedResults.Created($"/api/sample/currencies/{currency.Id}", currency);
    }

    private static async Task<Ok<CurrencyDto>> RenameAsync(Guid id, RenameCurrencyRequest body, CurrencyService currencies, CancellationToken ct) =>
        TypedResults.Ok(await currencies.RenameAsync(id, body, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, CurrencyService currencies, CancellationToken ct)
    {
        await currencies.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<CurrencyNameChangeDto>>> NameHistoryAsync(Guid id, CurrencyService currencies, CancellationToken ct) =>
        TypedResults.Ok(await currencies.NameHistoryAsync(id, ct));
}
