namespace Erp.Kernel.Plugins;

/// <summary>
/// The places in the SPA's own pages that plugins' elements may fill (<c>ui.slots</c> in <c>plugin.json</c>). The SPA puts an
/// <c>erp-plugin-slot</c> of each name on its pages; a plugin naming any other slot is refused, since nothing would show it.
/// </summary>
public static class PluginSlots
{
    /// <summary>A tile on the dashboard, among the platform's own.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>A panel beside a saved record's generic form; its element gets the record's <c>entity</c> and <c>recordId</c> as properties.</summary>
    public const string RecordSide = "record-side";

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal) { Dashboard, RecordSide };
}
