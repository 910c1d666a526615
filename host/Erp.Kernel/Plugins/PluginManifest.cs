using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Erp.Kernel.Plugins;

/// <summary>
/// A plugin's <c>plugin.json</c>: read and checked before any of the plugin's code loads, so a plugin can be
/// refused without running it.
/// </summary>
public sealed partial record PluginManifest(
    string Id,
    NuGetVersion Version,
    string DisplayName,
    string Assembly,
    VersionRequirement HostVersion,
    IReadOnlyDictionary<string, VersionRequirement> DependsOn,
    PluginUi? Ui)
{
    public const string FileName = "plugin.json";

    /// <summary>Reads and checks a manifest; throws <see cref="PluginRefusedException"/> saying what is wrong.</summary>
    public static PluginManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new PluginRefusedException($"no {FileName} in the plugin folder");

        RawManifest raw;
        try
        {
            raw = JsonSerializer.Deserialize(File.ReadAllText(path), ManifestJson.Default.RawManifest)
                ?? throw new PluginRefusedException($"{FileName} is empty");
        }
        catch (JsonException e)
        {
            throw new PluginRefusedException($"{FileName} is not valid JSON ({e.Message})");
        }

        if (raw.Id is null || !IdPattern().IsMatch(raw.Id))
            throw new PluginRefusedException($"{FileName} needs an \"id\" made of letters, digits and dots");
        if (!NuGetVersion.TryParseStrict(raw.Version ?? "", out var version))
            throw new PluginRefusedException($"\"version\" '{raw.Version}' is not a SemVer version");
        if (!VersionRequirement.TryParse(raw.HostVersion, out var hostVersion))
            throw new PluginRefusedException($"\"hostVersion\" '{raw.HostVersion}' is not a version range");
        var assembly = raw.Assembly ?? raw.Id + ".dll";
        if (Path.GetFileName(assembly) != assembly || !assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            throw new PluginRefusedException($"\"assembly\" '{assembly}' must be a .dll file name in the plugin folder");

        var dependsOn = new Dictionary<string, VersionRequirement>(StringComparer.Ordinal);
        foreach (var (id, rangeText) in raw.DependsOn ?? [])
        {
            if (!VersionRequirement.TryParse(rangeText, out var range))
                throw new PluginRefusedException($"dependency '{id}' has an invalid version range '{rangeText}'");
            dependsOn[id] = range;
        }

        var ui = raw.Ui is null ? null : PluginUi.Read(raw.Ui, folder);
        return new PluginManifest(raw.Id, version, raw.DisplayName ?? raw.Id, assembly, hostVersion, dependsOn, ui);
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$")]
    private static partial Regex IdPattern();

    private sealed record RawManifest(
        string? Id, string? Version, string? DisplayName, string? Assembly, string? HostVersion, Dictionary<string, string>? DependsOn,
        PluginUi.RawPluginUi? Ui);

    // Compiled rather than built by reflection: every start reads each plugin's manifest.
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip)]
    [JsonSerializable(typeof(RawManifest))]
    private sealed partial class ManifestJson : JsonSerializerContext;
}

/// <summary>A plugin cannot be loaded; the message says why, for the log line and <c>GET /api/plugins</c>.</summary>
public sealed class PluginRefusedException(string reason) : Exception(reason);
