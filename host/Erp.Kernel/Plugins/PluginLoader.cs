using Erp.Kernel.Modularity;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;

namespace Erp.Kernel.Plugins;

/// <summary>
/// Finds the plugins in the plugins folder (one sub-folder each), refuses the ones that cannot work (bad
/// manifest, wrong host or SDK version, duplicate id, missing or refused dependency, dependency cycle) before any of
/// their code runs, and loads the rest, in dependency order, each into its own load context.
/// </summary>
internal sealed class PluginLoader(PluginRegistry registry, ILogger logger)
{
    private readonly SharedAssemblies _shared = new();

    private sealed record Candidate(PluginManifest Manifest, string Folder);

    /// <param name="modules">Ids and versions of the modules already present (built into the host).</param>
    public IReadOnlyList<(PluginManifest Manifest, ErpModule Module)> Load(
        string pluginsPath, NuGetVersion hostVersion, IReadOnlyDictionary<string, NuGetVersion> modules)
    {
        if (!Directory.Exists(pluginsPath))
        {
            logger.LogInformation("No plugins folder at {PluginsPath}; starting without plugins", pluginsPath);
            return [];
        }

        var candidates = ReadManifests(pluginsPath, hostVersion, modules);
        RefuseUnresolvable(candidates, modules);
        var ordered = OrderOrRefuseCycles(candidates, modules);
        return LoadAssemblies(ordered);
    }

    private Dictionary<string, Candidate> ReadManifests(string pluginsPath, NuGetVersion hostVersion, IReadOnlyDictionary<string, NuGetVersion> modules)
    {
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            var folderName = Path.GetFileName(folder);
            PluginManifest manifest;
            try
            {
                manifest = PluginManifest.Read(folder);
            }
            catch (PluginRefusedException e)
            {
                Refuse(folderName, folder, e.Message);
                continue;
            }

            var assembly = Path.Combine(folder, manifest.Assembly);
            var problem =
                !File.Exists(assembly) ? $"assembly {manifest.Assembly} is not in the plugin folder"
                // Before the manifest's range: the SDK the assembly was really built with says more than a range written by hand.
                : PluginSdkVersion.Problem(assembly, hostVersion) is { } sdk ? sdk
                : !manifest.HostVersion.Includes(hostVersion) ? $"needs host version {manifest.HostVersion}, this host is {hostVersion}"
                : manifest.Ui is { } ui && !PluginUi.SupportedSdkVersions.Contains(ui.Sdk)
                    ? $"its screens and slot elements need plugin SDK {ui.Sdk}, this host's SPA provides {string.Join(", ", PluginUi.SupportedSdkVersions)}"
                : modules.ContainsKey(manifest.Id) ? "its id is the id of a module built into the host"
                : candidates.TryGetValue(manifest.Id, out var first) ? $"duplicate id: already loaded from {first.Folder}"
                : null;
            if (problem is null) candidates[manifest.Id] = new Candidate(manifest, folder);
            else Refuse(manifest.Id, folder, problem, manifest);
        }

        return candidates;
    }

    // Refusing one plugin can leave a dependent without its dependency: repeat until nothing changes.
    private void RefuseUnresolvable(Dictionary<string, Candidate> candidates, IReadOnlyDictionary<string, NuGetVersion> modules)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var candidate in candidates.Values.ToArray())
            {
                var problem = candidate.Manifest.DependsOn
                    .Select(d => DependencyProblem(d.Key, d.Value, candidates, modules))
                    .FirstOrDefault(p => p is not null);
                if (problem is null) continue;
                candidates.Remove(candidate.Manifest.Id);
                Refuse(candidate.Manifest.Id, candidate.Folder, problem, candidate.Manifest);
                changed = true;
            }
        }
        while (changed);
    }

    private static string? DependencyProblem(
        string id, VersionRequirement range, Dictionary<string, Candidate> candidates, IReadOnlyDictionary<string, NuGetVersion> modules)
    {
        var version = modules.TryGetValue(id, out var moduleVersion) ? moduleVersion
            : candidates.TryGetValue(id, out var plugin) ? plugin.Manifest.Version
            : null;
        if (version is null) return $"depends on '{id}', which is not loaded";
        return range.Includes(version) ? null : $"depends on '{id}' {range}, but version {version} is loaded";
    }

    private List<Candidate> OrderOrRefuseCycles(Dictionary<string, Candidate> candidates, IReadOnlyDictionary<string, NuGetVersion> modules)
    {
        while (true)
        {
            try
            {
                return [.. ModuleGraph.Sort(
                    candidates.Values.ToList(),
                    c => c.Manifest.Id,
                    c => c.Manifest.DependsOn.Keys.Where(d => !modules.ContainsKey(d)))];
            }
            catch (ModuleDependencyException cycle)
            {
                foreach (var id in cycle.Modules.Where(candidates.ContainsKey))
                {
                    var candidate = candidates[id];
                    candidates.Remove(id);
                    Refuse(id, candidate.Folder, cycle.Message, candidate.Manifest);
                }

                RefuseUnresolvable(candidates, modules);
            }
        }
    }

    private List<(PluginManifest, ErpModule)> LoadAssemblies(List<Candidate> ordered)
    {
        var loaded = new List<(PluginManifest, ErpModule)>();
        var loadedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (manifest, folder) in ordered)
        {
            var missing = manifest.DependsOn.Keys.FirstOrDefault(d => ordered.Any(o => o.Manifest.Id == d) && !loadedIds.Contains(d));
            if (missing is not null)
            {
                Refuse(manifest.Id, folder, $"depends on '{missing}', which could not be loaded", manifest);
                continue;
            }

            try
            {
                var module = LoadModule(manifest, folder);
                loaded.Add((manifest, module));
                loadedIds.Add(manifest.Id);
                registry.Loaded(manifest, folder);
                logger.LogInformation("Plugin {PluginId} {PluginVersion} loaded from {PluginFolder}", manifest.Id, manifest.Version, folder);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Refuse(manifest.Id, folder, $"could not be loaded: {e.GetBaseException().Message}", manifest, e is PluginRefusedException ? null : e);
            }
        }

        return loaded;
    }

    private ErpModule LoadModule(PluginManifest manifest, string folder)
    {
        var context = new PluginLoadContext(manifest.Id, Path.Combine(folder, manifest.Assembly), _shared);
        var contractsPath = Path.Combine(folder, manifest.Id + ".Contracts.dll");
        if (File.Exists(contractsPath)) _shared.PublishContracts(context.LoadFromAssemblyPath(contractsPath));

        var assembly = context.LoadFromAssemblyPath(Path.Combine(folder, manifest.Assembly));
        var moduleTypes = assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(ErpModule)) && !t.IsAbstract).ToArray();
        if (moduleTypes.Length != 1)
            throw new PluginRefusedException($"{manifest.Assembly} must declare exactly one public ErpModule, found {moduleTypes.Length}");

        var module = (ErpModule)Activator.CreateInstance(moduleTypes[0])!;
        if (module.Id != manifest.Id)
            throw new PluginRefusedException($"its module's id is '{module.Id}', the manifest says '{manifest.Id}'");
        var undeclared = module.DependsOn.FirstOrDefault(d => !manifest.DependsOn.ContainsKey(d));
        if (undeclared is not null)
            throw new PluginRefusedException($"its module depends on '{undeclared}', which plugin.json does not declare");
        return module;
    }

    // An unexpected exception is logged whole; a refusal's reason says all there is.
    private void Refuse(string id, string folder, string reason, PluginManifest? manifest = null, Exception? error = null)
    {
        logger.LogError(error, "Plugin {PluginId} in {PluginFolder} refused: {Reason}", id, folder, reason);
        registry.Refused(id, folder, reason, manifest);
    }
}
