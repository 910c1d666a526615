using System.Text.RegularExpressions;

namespace Erp.Kernel.Plugins;

/// <summary>
/// The <c>ui</c> part of a <c>plugin.json</c>: custom screens, and elements for the SPA's slots, the plugin ships as standard
/// web components (ES modules in <c>wwwroot/</c> beside its assembly), which the SPA loads at run time and hands the plugin
/// SDK of version <see cref="Sdk"/>.
/// </summary>
/// <param name="Sdk">The major version of the SPA's plugin SDK the elements are written against.</param>
/// <param name="Entry">The module each screen or slot element loads unless it names its own, relative to <c>wwwroot/</c>.</param>
public sealed partial record PluginUi(int Sdk, string Entry, IReadOnlyList<PluginScreen> Screens, IReadOnlyList<PluginSlotElement> Slots)
{
    /// <summary>The folder beside the plugin's assembly that holds its UI files, served under <c>/plugins/{id}/{version}/</c>.</summary>
    public const string Folder = "wwwroot";

    /// <summary>
    /// The SDK versions the SPA this host serves provides (<c>angular/src/app/plugins/erp-plugin-sdk.d.ts</c>): a plugin
    /// written against another is refused, as one needing another host version is.
    /// </summary>
    public static IReadOnlySet<int> SupportedSdkVersions { get; } = new HashSet<int> { 1 };

    internal static PluginUi Read(RawPluginUi raw, string pluginFolder)
    {
        if (raw.Sdk is not > 0) throw Refused("\"ui.sdk\" must be the major version of the plugin SDK, such as 1");
        var entry = CheckedEntry(raw.Entry, "ui.entry", pluginFolder);
        if (raw.Screens is not { Count: > 0 } && raw.Slots is not { Count: > 0 })
            throw Refused("\"ui.screens\" or \"ui.slots\" must list at least one screen or slot element");

        var screens = new List<PluginScreen>();
        foreach (var (screen, at) in Indexed(raw.Screens, "ui.screens"))
        {
            if (screen.Route is null || !RoutePattern().IsMatch(screen.Route))
                throw Refused($"\"{at}.route\" '{screen.Route}' must be lower-case words joined by '-' and '/', such as \"rates/board\"");
            if (screens.Any(s => s.Route == screen.Route)) throw Refused($"\"{at}.route\" '{screen.Route}' is used by another screen");
            if (screen.Menu is not null && screen.Menu.Split('/').Any(string.IsNullOrWhiteSpace))
                throw Refused($"\"{at}.menu\" '{screen.Menu}' must be a menu path such as \"Sales/Rates board\"");
            var element = CheckedElement(screen.Element, screen.Permission, screen.Entry, at, entry, pluginFolder);
            screens.Add(new PluginScreen(screen.Route, element.Tag, element.Entry, screen.Menu, screen.Permission, screen.Order ?? 0));
        }

        var slots = new List<PluginSlotElement>();
        foreach (var (slot, at) in Indexed(raw.Slots, "ui.slots"))
        {
            if (slot.Slot is null || !PluginSlots.Names.Contains(slot.Slot))
                throw Refused($"\"{at}.slot\" '{slot.Slot}' is not a slot of the SPA ({string.Join(", ", PluginSlots.Names.Order(StringComparer.Ordinal))})");
            var element = CheckedElement(slot.Element, slot.Permission, slot.Entry, at, entry, pluginFolder);
            slots.Add(new PluginSlotElement(slot.Slot, element.Tag, element.Entry, slot.Permission, slot.Order ?? 0));
        }

        return new PluginUi(raw.Sdk.Value, entry, screens, slots);
    }

    private static IEnumerable<(T Item, string At)> Indexed<T>(List<T>? items, string name) =>
        (items ?? []).Select((item, i) => (item, $"{name}[{i}]"));

    // What screens and slot elements have alike: a custom element, the permission that shows it, the module that defines it.
    private static (string Tag, string Entry) CheckedElement(
        string? tag, string? permission, string? ownEntry, string at, string defaultEntry, string pluginFolder)
    {
        if (tag is null || !ElementPattern().IsMatch(tag) || ReservedElementNames.Contains(tag))
            throw Refused($"\"{at}.element\" '{tag}' is not a custom element name (lower case, with a hyphen, such as \"acme-rates-board\")");
        if (permission is not null && string.IsNullOrWhiteSpace(permission))
            throw Refused($"\"{at}.permission\" must name a permission or be left out");
        return (tag, ownEntry is null ? defaultEntry : CheckedEntry(ownEntry, $"{at}.entry", pluginFolder));
    }

    // A module path inside wwwroot/ that exists now: a typo is refused at start-up, not found by the first user who opens the screen.
    private static string CheckedEntry(string? entry, string name, string pluginFolder)
    {
        if (entry is null || !EntryPattern().IsMatch(entry))
            throw Refused($"\"{name}\" '{entry}' must be a .js or .mjs file inside {Folder}/, such as \"screens.js\"");
        if (!File.Exists(Path.Combine(pluginFolder, Folder, entry)))
            throw Refused($"\"{name}\" '{entry}' is not in the plugin's {Folder}/ folder");
        return entry;
    }

    private static PluginRefusedException Refused(string reason) => new(reason);

    // Names the HTML standard keeps for SVG and MathML, though they have a hyphen.
    private static readonly HashSet<string> ReservedElementNames =
        ["annotation-xml", "color-profile", "font-face", "font-face-src", "font-face-uri", "font-face-format", "font-face-name", "missing-glyph"];

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$")]
    private static partial Regex RoutePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")]
    private static partial Regex ElementPattern();

    // Segments of letters, digits, '-', '_' and inner dots: no '..', no hidden files, no absolute or backslashed paths.
    [GeneratedRegex(@"^([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*/)*[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.m?js$")]
    private static partial Regex EntryPattern();

    internal sealed record RawPluginUi(int? Sdk, string? Entry, List<RawPluginScreen>? Screens, List<RawPluginSlotElement>? Slots);

    internal sealed record RawPluginScreen(string? Route, string? Element, string? Entry, string? Menu, string? Permission, int? Order);

    internal sealed record RawPluginSlotElement(string? Slot, string? Element, string? Entry, string? Permission, int? Order);
}

/// <summary>One custom screen of a plugin: an SPA route that shows the custom element <see cref="Element"/>.</summary>
/// <param name="Route">The screen's path under the plugin's (<c>rates/board</c>); the SPA shows it at <c>/screens/{plugin id}/{route}</c>.</param>
/// <param name="Element">The tag of the custom element <see cref="Entry"/> defines.</param>
/// <param name="Entry">The ES module that defines the element, relative to <c>wwwroot/</c>.</param>
/// <param name="Menu">The menu entry that opens the screen (<c>Sales/Rates board</c>), or none.</param>
/// <param name="Permission">What the user must hold to see the screen and its menu entry; none: every signed-in user.</param>
public sealed record PluginScreen(string Route, string Element, string Entry, string? Menu, string? Permission, int Order);

/// <summary>A plugin's element shown in one of the SPA's slots (<see cref="PluginSlots"/>), beside the SPA's own content.</summary>
/// <param name="Slot">The slot it fills, one of <see cref="PluginSlots.Names"/>.</param>
/// <param name="Element">The tag of the custom element <see cref="Entry"/> defines.</param>
/// <param name="Entry">The ES module that defines the element, relative to <c>wwwroot/</c>.</param>
/// <param name="Permission">What the user must hold to see the element; none: every signed-in user.</param>
/// <param name="Order">Its place among the slot's elements, of every plugin.</param>
public sealed record PluginSlotElement(string Slot, string Element, string Entry, string? Permission, int Order);
