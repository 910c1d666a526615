using System.Security.Claims;
using Erp.Kernel;
using Erp.Kernel.Http;
using Erp.Kernel.Modularity;
using Erp.Kernel.Plugins;
using Erp.Kernel.Security;
using Erp.Kernel.Localization;
using Erp.Kernel.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Erp.Host.Http;

/// <summary>
/// <c>GET /api/app-config</c>: everything the SPA starts from, in one call. The granted set comes from the
/// permission cache (one entry per user), the client-visible settings from the settings cache (the global entry and the
/// user's own); the rest is held in memory, so the call costs no query when warm.
/// </summary>
internal static class AppConfigEndpoints
{
    public static void MapAppConfigEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/api/app-config", GetAsync).WithTags("Application").WithName("GetAppConfig").WithStandardProblems().RequireSignedIn()
            .WithSummary("The signed-in user, their permissions, client-visible settings, their menu, the loaded plugins and the plugins' screens and slot elements they may see.");

    private static async Task<Ok<AppConfigDto>> GetAsync(
        ClaimsPrincipal principal, IPermissionChecker permissions, ISettingProvider settingValues, ModuleCatalog catalog, PluginRegistry plugins,
        TranslationCatalog translations, CatalogStringLocalizer texts, IEnumerable<IRuntimeMenuSource> runtimeMenus, CancellationToken ct)
    {
        var granted = await permissions.GetGrantedAsync(principal, ct);
        var modules = catalog.Modules.Where(m => plugins.IsAvailable(m.Id)).ToArray();
        var caller = CallerClaims.Of(principal);
        var user = new CurrentUserDto(
            caller.Subject!,
            caller.Name ?? caller.Subject!,
            [.. principal.FindAll("role").Select(c => c.Value).Order(StringComparer.Ordinal)]);
        var settings = await settingValues.GetClientVisibleAsync(ct);
        var items = modules.SelectMany(m => m.Menu).Concat(PluginScreens.MenuItems(plugins)).ToList();
        foreach (var source in runtimeMenus) items.AddRange(await source.GetAsync(ct));
        var menu = items.Where(i => i.RequiredPermission is null || granted.Contains(i.RequiredPermission));
        var loaded = plugins.All.Where(p => p.Status == PluginStatus.Loaded).Select(p => new LoadedPluginDto(p.Id, p.Version!, p.DisplayName ?? p.Id));
        return TypedResults.Ok(new AppConfigDto(user, [.. granted.Order(StringComparer.Ordinal)], settings, MenuTree.Build(menu, texts), [.. loaded],
            translations.Languages, PluginScreens.VisibleTo(granted, plugins), PluginScreens.SlotElementsVisibleTo(granted, plugins)));
    }
}

public sealed record AppConfigDto(
    CurrentUserDto User,
    IReadOnlyList<string> Permissions,
    IReadOnlyDictionary<string, string?> Settings,
    IReadOnlyList<MenuNodeDto> Menu,
    IReadOnlyList<LoadedPluginDto> Plugins,
    IReadOnlyList<string> Languages,
    IReadOnlyList<PluginScreenDto> Screens,
    IReadOnlyList<PluginSlotElementDto> SlotElements);

/// <param name="Id">The user's id, or the client id of an integration client.</param>
public sealed record CurrentUserDto(string Id, string Name, IReadOnlyList<string> Roles);

/// <summary>One entry of the menu tree: a group (children, no route) or an item (a route).</summary>
/// <param name="Name">The entry as modules name it (stable); <paramref name="Label"/> is what the reader sees, in their language.</param>
public sealed record MenuNodeDto(string Name, string Label, string? Route, int Order, IReadOnlyList<MenuNodeDto> Children);

public sealed record LoadedPluginDto(string Id, string Version, string DisplayName);

/// <summary>Builds the menu tree from the items' paths (<c>Sales/Orders</c>), ordered by each node's order, then name.</summary>
internal static class MenuTree
{
    public static IReadOnlyList<MenuNodeDto> Build(IEnumerable<MenuItemDefinition> items, CatalogStringLocalizer texts) =>
        Level(items.Select(i => (Segments: i.Path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Item: i)).ToList(), 0, texts);

    private static List<MenuNodeDto> Level(List<(string[] Segments, MenuItemDefinition Item)> items, int depth, CatalogStringLocalizer texts) =>
        [.. items.Where(i => i.Segments.Length > depth)
            .GroupBy(i => i.Segments[depth], StringComparer.Ordinal)
            .Select(group =>
            {
                var leaf = group.FirstOrDefault(i => i.Segments.Length == depth + 1).Item;
                var children = Level([.. group.Where(i => i.Segments.Length > depth + 1)], depth + 1, texts);
                var order = leaf?.Order ?? (children.Count > 0 ? children.Min(c => c.Order) : 0);
                return new MenuNodeDto(group.Key, texts.Translate(DefinitionTexts.Menu(group.Key), group.Key), leaf?.Route, order, children);
            })
            .OrderBy(n => n.Order).ThenBy(n => n.Name, StringComparer.Ordinal)];
}
