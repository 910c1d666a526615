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

    [Fact]
    public void Read_SkipsComments()
    {
        Write("""
            {
              // the plugin's identity
              "id": "Erp.Fleet", "version": "2.0.0", /* any host of this major */ "hostVersion": ">=0.1.0 <1.0.0"
            }
            """);
        PluginManifest.Read(_folder).Id.ShouldBe("Erp.Fleet");
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
    public void Read_ParsesTheScreens_EachWithItsEntry()
    {
        WriteUiFile("screens.js");
        WriteUiFile("board/big.mjs");
        Write(WithUi("""
            "sdk": "1", "entry": "screens.js", "screens": [
              { "route": "rates/board", "element": "acme-rates-board", "menu": "Sales/Rates board", "permission": "Acme.Rates", "order": 3 },
              { "route": "big", "element": "acme-big", "entry": "board/big.mjs" } ]
            """));

        var ui = PluginManifest.Read(_folder).Ui.ShouldNotBeNull();
        ui.Sdk.ShouldBe(1);
        ui.Screens.ShouldBe([
            new PluginScreen("rates/board", "acme-rates-board", "screens.js", "Sales/Rates board", "Acme.Rates", 3),
            new PluginScreen("big", "acme-big", "board/big.mjs", null, null, 0),
        ]);
    }

    [Fact]
    public void Read_ParsesTheSlotElements_WithoutScreens()
    {
        WriteUiFile("screens.js");
        WriteUiFile("tiles/stock.js");
        Write(WithUi("""
            "sdk": 1, "entry": "screens.js", "slots": [
              { "slot": "dashboard", "element": "acme-rates-tile", "permission": "Acme.Rates", "order": 2 },
              { "slot": "dashboard", "element": "acme-stock-tile", "entry": "tiles/stock.js" } ]
            """));

        var ui = PluginManifest.Read(_folder).Ui.ShouldNotBeNull();
        ui.Screens.ShouldBeEmpty();
        ui.Slots.ShouldBe([
            new PluginSlotElement(PluginSlots.Dashboard, "acme-rates-tile", "screens.js", "Acme.Rates", 2),
            new PluginSlotElement(PluginSlots.Dashboard, "acme-stock-tile", "tiles/stock.js", null, 0),
        ]);
    }

    [Theory]
    [InlineData(""" "entry": "screens.js", "screens": [{ "route": "a", "element": "acme-a" }] """, "\"ui.sdk\"")]
    [InlineData(""" "sdk": 1, "screens": [{ "route": "a", "element": "acme-a" }] """, "\"ui.entry\"")]
    [InlineData(""" "sdk": 1, "entry": "../plugin.json", "screens": [{ "route": "a", "element": "acme-a" }] """, "\"ui.entry\"")]
    [InlineData(""" "sdk": 1, "entry": "/etc/passwd.js", "screens": [{ "route": "a", "element": "acme-a" }] """, "\"ui.entry\"")]
    [InlineData(""" "sdk": 1, "entry": "..\\screens.js", "screens": [{ "route": "a", "element": "acme-a" }] """, "\"ui.entry\"")]
    [InlineData(""" "sdk": 1, "entry": "missing.js", "screens": [{ "route": "a", "element": "acme-a" }] """, "is not in the plugin's wwwroot/")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [] """, "\"ui.screens\" or \"ui.slots\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js" """, "\"ui.screens\" or \"ui.slots\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "slots": [{ "slot": "sidebar", "element": "acme-a" }] """, "\"ui.slots[0].slot\" 'sidebar' is not a slot of the SPA (dashboard, record-side)")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "slots": [{ "element": "acme-a" }] """, "\"ui.slots[0].slot\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "slots": [{ "slot": "dashboard", "element": "tile" }] """, "\"ui.slots[0].element\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "slots": [{ "slot": "dashboard", "element": "acme-a", "permission": " " }] """, "\"ui.slots[0].permission\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "slots": [{ "slot": "dashboard", "element": "acme-a", "entry": "../tile.js" }] """, "\"ui.slots[0].entry\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "slots": [{ "slot": "dashboard", "element": "acme-a", "entry": "gone.js" }] """, "\"ui.slots[0].entry\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "Rates", "element": "acme-a" }] """, "\"ui.screens[0].route\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "../admin", "element": "acme-a" }] """, "\"ui.screens[0].route\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "a", "element": "acme-a" }, { "route": "a", "element": "acme-b" }] """, "used by another screen")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "a", "element": "board" }] """, "\"ui.screens[0].element\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "a", "element": "font-face" }] """, "\"ui.screens[0].element\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "a", "element": "acme-a", "menu": "Sales//Rates" }] """, "\"ui.screens[0].menu\"")]
    [InlineData(""" "sdk": 1, "entry": "screens.js", "screens": [{ "route": "a", "element": "acme-a", "entry": "gone.js" }] """, "\"ui.screens[0].entry\"")]
    public void Read_RefusesScreensAndSlotElementsThatCannotWork_SayingWhat(string ui, string expected)
    {
        WriteUiFile("screens.js");
        Write(WithUi(ui));
        Should.Throw<PluginRefusedException>(() => PluginManifest.Read(_folder)).Message.ShouldContain(expected);
    }

    [Fact]
    public void Read_RefusesAFolderWithoutManifest() =>
        Should.Throw<PluginRefusedException>(() => PluginManifest.Read(_folder)).Message.ShouldContain("no plugin.json");

    private void Write(string json) => File.WriteAllText(Path.Combine(_folder, PluginManifest.FileName), json);

    private static string WithUi(string ui) => $$"""{ "id": "Acme.Rates", "version": "1.0.0", "hostVersion": "*", "ui": { {{ui}} } }""";

    private void WriteUiFile(string path)
    {
        var file = Path.Combine(_folder, PluginUi.Folder, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "export {};");
    }
}
