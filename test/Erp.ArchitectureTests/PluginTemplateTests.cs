using System.Text.Json;
using System.Xml.Linq;
using Erp.Kernel.Modularity;
using Shouldly;

namespace Erp.ArchitectureTests;

/// <summary>
/// The `dotnet new erp-plugin` template is plain files, out of the solution's reach: what it pins must follow the host,
/// or a partner's first plugin builds against another host version or another EF Core than the host runs.
/// </summary>
public sealed class PluginTemplateTests
{
    private static readonly string Template = Path.Combine(Repository.Root, "sdk", "templates", "erp-plugin");

    [Fact]
    public void TheTemplatesDefaultSdkVersion_IsTheHostsVersion() =>
        Json(".template.config/template.json").GetProperty("symbols").GetProperty("ErpVersion").GetProperty("defaultValue").GetString()
            .ShouldBe(typeof(ErpModule).Assembly.GetName().Version!.ToString(3));

    [Fact]
    public void TheTemplatesDotnetEf_IsTheHostsEfCoreVersion() =>
        Json(".config/dotnet-tools.json").GetProperty("tools").GetProperty("dotnet-ef").GetProperty("version").GetString()
            .ShouldBe(XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props")).Descendants("PackageVersion")
                .Single(p => (string?)p.Attribute("Include") == "Microsoft.EntityFrameworkCore").Attribute("Version")!.Value);

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Template, path))).RootElement;
}
