using Erp.Kernel.Plugins;

namespace Erp.Kernel.Modularity;

/// <summary>
/// Something built from what the running modules and plugins contributed (their permissions, settings, event handlers,
/// jobs), built again when a plugin fails. A plugin can fail in <c>InitializeAsync</c> after modules initialized before
/// it have read its definitions; rebuilding makes it vanish as completely as a plugin that failed in
/// <c>ConfigureServices</c>, whichever step it failed in.
/// </summary>
public sealed class RunningModules<T>(ModuleCatalog catalog, PluginRegistry plugins, Func<IReadOnlyList<ModuleDescriptor>, T> build)
{
    private Built? _built;

    public T Value
    {
        get
        {
            var failures = plugins.Failures;
            if (_built is { } built && built.Failures == failures) return built.Value;
            var value = build([.. catalog.Modules.Where(m => plugins.IsAvailable(m.Id))]);
            _built = new Built(failures, value);
            return value;
        }
    }

    private sealed record Built(int Failures, T Value);
}
