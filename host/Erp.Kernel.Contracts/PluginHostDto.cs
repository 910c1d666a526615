namespace Erp.Kernel;

/// <summary>
/// What the host checks plugins against, for someone deploying one (<c>GET /api/plugins/host</c>).
/// </summary>
/// <param name="Version">The host's version: a plugin's <c>hostVersion</c> range must hold it.</param>
/// <param name="PluginSdkVersions">The versions of the SPA's plugin SDK a plugin's <c>ui.sdk</c> may name.</param>
/// <param name="PluginsPath">The folder plugins were loaded from at start-up (<c>Plugins:Path</c>); a new one needs a restart.</param>
public sealed record PluginHostDto(string Version, IReadOnlyList<int> PluginSdkVersions, string PluginsPath);
