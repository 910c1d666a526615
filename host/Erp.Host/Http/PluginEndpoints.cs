using Erp.Kernel;
using Erp.Kernel.Hosting;
using Erp.Kernel.Http;
using Erp.Kernel.Plugins;
using Erp.Kernel.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Erp.Host.Http;

internal static class PluginEndpoints
{
    public static void MapPluginEndpoints(this IEndpointRouteBuilder api)
    {
        var plugins = api.MapGroup("/api/plugins").WithTags("Plugins").WithStandardProblems();
        plugins.MapGet("", List).WithName("ListPlugins").RequirePermission(HostModule.PluginsPermission)
            .WithSummary("Every plugin found in the plugins folder at start-up: loaded, refused or failed, and why.");
        plugins.MapGet("/host", Host).WithName("GetPluginHost").RequirePermission(HostModule.PluginsPermission)
            .WithSummary("What plugins are checked against: the host's version, the plugin SDK versions its SPA provides, and the plugins folder.");
    }

    private static Ok<IReadOnlyList<PluginDto>> List(PluginRegistry plugins) => TypedResults.Ok(plugins.All);

    private static Ok<PluginHostDto> Host(IConfiguration configuration) => TypedResults.Ok(new PluginHostDto(
        ErpComposition.HostVersion.ToNormalizedString(),
        [.. PluginUi.SupportedSdkVersions.Order()],
        ErpComposition.PluginsPath(configuration)));
}
