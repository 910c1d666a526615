using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using NuGet.Versioning;

namespace Erp.Kernel.Plugins;

/// <summary>
/// The plugin SDK version a plugin assembly was built with: the <c>ErpSdkVersion</c> assembly metadata the
/// <c>Erp.Plugin.Sdk</c> package stamps. Read from the file's metadata, so none of the plugin's code runs or loads.
/// </summary>
internal static class PluginSdkVersion
{
    public const string MetadataKey = "ErpSdkVersion";

    /// <summary>
    /// Why this host cannot run a plugin built with the SDK the assembly names, or null if it can (or names none: a plugin
    /// built inside the host's repository). A host runs plugins built with an SDK of its own major version, up to its own.
    /// </summary>
    public static string? Problem(string assemblyPath, NuGetVersion hostVersion)
    {
        var sdk = Read(assemblyPath);
        if (sdk is null || (sdk.Major == hostVersion.Major && VersionComparer.VersionRelease.Compare(sdk, hostVersion) <= 0)) return null;
        return $"built with Erp.Plugin.Sdk {sdk}, which this host ({hostVersion}) cannot run: it runs plugins built with Erp.Plugin.Sdk {hostVersion.Major}.x up to {hostVersion}";
    }

    private static NuGetVersion? Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return null;
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var type = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (type.Kind != HandleKind.TypeReference || metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name) != "AssemblyMetadataAttribute") continue;

            // The blob: prolog (0x0001), then the key and the value as serialized strings.
            var blob = metadata.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1 || blob.ReadSerializedString() != MetadataKey) continue;
            return NuGetVersion.TryParse(blob.ReadSerializedString(), out var version) ? version : null;
        }

        return null;
    }
}
