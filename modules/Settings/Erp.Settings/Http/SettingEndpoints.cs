using Erp.Kernel.Http;
using Erp.Kernel.Security;
using Erp.Settings.Application;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Erp.Settings.Http;

internal static class SettingEndpoints
{
    public static void MapSettingEndpoints(this IEndpointRouteBuilder api)
    {
        var settings = api.MapGroup("/api/settings").WithTags("Settings").WithStandardProblems();
        settings.MapGet("/global", GetGlobalAsync).WithName("GetGlobalSettings").RequirePermission(SettingsPermissions.Default)
            .WithSummary("Every setting with a global value, page by page: how to render and check it, its value and where the value comes from. Secrets say only whether they are set.");
        settings.MapPut("/global/{group}", UpdateGlobalAsync).WithName("UpdateGlobalSettings").RequirePermission(SettingsPermissions.Manage)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Sets or clears global values of one page's settings, all or none: a bad value is a 400 with the setting's name as the field.");
        settings.MapGet("/company", GetCompanyAsync).WithName("GetCompanySettings").RequirePermission(SettingsPermissions.Default)
            .WithSummary("The settings a company may set for itself, as they apply in the request's company (the company header), page by page.");
        settings.MapPut("/company/{group}", UpdateCompanyAsync).WithName("UpdateCompanySettings").RequirePermission(SettingsPermissions.Manage)
            .WithProblemResponses(StatusCodes.Status404NotFound)
            .WithSummary("Sets or clears the request's company's values of one page's settings, all or none.");
        settings.MapGet("/mine", GetMineAsync).WithName("GetMySettings").RequireSignedIn()
            .WithSummary("The settings the signed-in user may set for themselves, with the value that applies to them.");
        settings.MapPut("/mine", UpdateMineAsync).WithName("UpdateMySettings").RequireSignedIn()
            .WithSummary("Sets or clears the signed-in user's own values, all or none.");
    }

    private static async Task<Ok<IReadOnlyList<SettingGroupDto>>> GetGlobalAsync(SettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetGlobalAsync(ct));

    private static async Task<NoContent> UpdateGlobalAsync(string group, UpdateSettingsRequest body, SettingsService settings, CancellationToken ct)
    {
        await settings.UpdateGlobalAsync(group, body, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<SettingGroupDto>>> GetCompanyAsync(SettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetCompanyAsync(ct));

    private static async Task<NoContent> UpdateCompanyAsync(string group, UpdateSettingsRequest body, SettingsService settings, CancellationToken ct)
    {
        await settings.UpdateCompanyAsync(group, body, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<SettingGroupDto>>> GetMineAsync(SettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetMineAsync(ct));

    private static async Task<NoContent> UpdateMineAsync(UpdateSettingsRequest body, SettingsService settings, CancellationToken ct)
    {
        await settings.UpdateMineAsync(body, ct);
        return TypedResults.NoContent();
    }
}
