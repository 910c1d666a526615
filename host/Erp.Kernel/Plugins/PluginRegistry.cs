namespace Erp.Kernel.Plugins;

/// <summary>
/// Every plugin found at start-up and how it ended up: what <c>GET /api/plugins</c> shows, and what decides
/// whether a plugin's endpoints serve (a plugin that fails after loading answers 503 instead of taking the host down).
/// </summary>
public sealed class PluginRegistry
{
    private readonly Lock _lock = new();
    private readonly List<PluginDto> _plugins = [];
    private readonly List<LoadedPluginUi> _uis = [];
    private int _failures;

    public IReadOnlyList<PluginDto> All
    {
        get { lock (_lock) return [.. _plugins.OrderBy(p => p.Id, StringComparer.Ordinal)]; }
    }

    /// <summary>
    /// True for built-in modules and loaded plugins; false for a plugin that failed after loading. (A refused
    /// copy, such as a duplicate, never reached the catalog and does not count.)
    /// </summary>
    public bool IsAvailable(string moduleId)
    {
        lock (_lock) return !HasFailed(moduleId);
    }

    /// <summary>The screens of every plugin that is loaded and has not failed: what the host serves and the SPA may open.</summary>
    public IReadOnlyList<LoadedPluginUi> Uis
    {
        get { lock (_lock) return [.. _uis.Where(ui => !HasFailed(ui.PluginId)).OrderBy(ui => ui.PluginId, StringComparer.Ordinal)]; }
    }

    internal void Loaded(PluginManifest manifest, string folder)
    {
        var version = manifest.Version.ToNormalizedString();
        Add(new PluginDto(manifest.Id, version, manifest.DisplayName, PluginStatus.Loaded, null, folder));
        if (manifest.Ui is { } ui)
            lock (_lock) _uis.Add(new LoadedPluginUi(manifest.Id, version, Path.Combine(folder, PluginUi.Folder), ui));
    }

    internal void Refused(string id, string folder, string reason, PluginManifest? manifest = null) =>
        Add(new PluginDto(id, manifest?.Version.ToNormalizedString(), manifest?.DisplayName, PluginStatus.Refused, reason, folder));

    /// <summary>How many plugins failed after loading: what is built from the running modules is built again when it grows.</summary>
    public int Failures => Volatile.Read(ref _failures);

    internal void Failed(string id, string reason)
    {
        lock (_lock)
        {
            var index = _plugins.FindIndex(p => p.Id == id && p.Status == PluginStatus.Loaded);
            if (index < 0) return;
            _plugins[index] = _plugins[index] with { Status = PluginStatus.Failed, Reason = reason };
            Interlocked.Increment(ref _failures);
        }
    }

    private bool HasFailed(string id) => _plugins.Any(p => p.Id == id && p.Status == PluginStatus.Failed);

    private void Add(PluginDto plugin)
    {
        lock (_lock) _plugins.Add(plugin);
    }
}
