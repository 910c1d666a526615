namespace Erp.Kernel;

/// <summary>How a plugin found in the plugins folder ended up.</summary>
public enum PluginStatus
{
    /// <summary>Loaded and serving.</summary>
    Loaded,
    /// <summary>Refused before any of its code ran (manifest, version, dependency or duplicate problem).</summary>
    Refused,
    /// <summary>Its code ran and failed (services, migrations or initialization); its endpoints answer 503.</summary>
    Failed,
}

/// <summary>One plugin as <c>GET /api/plugins</c> reports it.</summary>
public sealed record PluginDto(
    string Id,
    string? Version,
    string? DisplayName,
    PluginStatus Status,
    string? Reason,
    string Folder);
