using Erp.Kernel.Plugins;
using Shouldly;

namespace Erp.Kernel.Tests;

public sealed class PluginManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("erp-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_ParsesAValidManifest()
    {
        Write("""{ "id": "Erp.Inventory", "version": "1.3.0", "assembly": "Erp.Inventory.dll", "hostVersion": ">=0.1.0 <1.0.0", "dependsOn": { "Erp.Catalog": ">=1.0.0" } }""");
        var manifest = PluginManifest.Read(_folder);
        manifest.Id.ShouldBe("Erp.Inventory");
        manifest.Version.ToNormalizedString().ShouldBe("1.3.0");
        manifest.DependsOn.Keys.ShouldBe(["Erp.Catalog"]);
    }

    [Theory]
    [InlineData("""{ "version": "1.0.0", "hostVersion": "*" }""", "\"id\"")]
    [InlineData("""{ "id": "Erp.X", "version": "one", "hostVersion": "*" }""", "\"version\"")]
    [InlineData("""{ "id": "Erp.X", "version": "1.0.0", "hostVersion": "soon" }""", "\"hostVersion\"")]
    [InlineData("""{ "id": "Erp.X", "version": "1.0.0", "hostVersion": "*", "assembly": "../evil.dll" }""", "\"assembly\"")]
    [InlineData("""{ "id": "Erp.X", "version": "1.0.0", "hostVersion": "*", "dependsOn": { "Erp.Y": "latest" } }""", "'Erp.Y'")]
    [InlineData("""{ "id": "Erp.X", """, "not valid JSON")]
    public void Read_RefusesAnInvalidManifest_SayingWhat(string json, string expected)
    {
        Write(json);
        Should.Throw<PluginRefusedException>(() => PluginManifest.Read(_folder)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Read_RefusesAFolderWithoutManifest() =>
        Should.Throw<PluginRefusedException>(() => PluginManifest.Read(_folder)).Message.ShouldContain("no plugin.json");

    private void Write(string json) => File.WriteAllText(Path.Combine(_folder, PluginManifest.FileName), json);
}
