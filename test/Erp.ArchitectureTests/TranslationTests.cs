using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Erp.Kernel.Http;
using Erp.Kernel.Localization;
using Shouldly;

namespace Erp.ArchitectureTests;

/// <summary>
/// Erp ships English, German and Arabic complete: a text missing in one of them, a placeholder one language forgets,
/// or a key the code names that no language has fails here, before anyone reads a raw key.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string[] Shipped = ["en", "de", "ar"];

    private static IReadOnlyList<Assembly> WithTexts { get; } =
        [.. new[] { typeof(TranslationCatalog).Assembly }.Concat(ModuleAssemblies.Implementations).Where(a => TranslationCatalog.ShippedBy(a).Count > 0)];

    private static TranslationCatalog Catalog { get; } = TranslationCatalog.From(WithTexts);

    public static TheoryData<string> AssembliesWithTexts() => [.. WithTexts.Select(a => a.GetName().Name!)];

    [Fact]
    public void TheKernelAndTheBuiltInModulesShipTexts() =>
        new[] { "Erp.Kernel", "Erp.Identity", "Erp.Permissions", "Erp.Settings", "Erp.Companies", "Erp.Sample" }
            .Except(WithTexts.Select(a => a.GetName().Name!)).ShouldBeEmpty();

    [Theory]
    [MemberData(nameof(AssembliesWithTexts))]
    public void EveryShippedLanguage_HasEveryKey_WithTheSamePlaceholders(string assembly)
    {
        var texts = TranslationCatalog.ShippedBy(WithTexts.Single(a => a.GetName().Name == assembly));
        texts.Keys.ShouldBe(Shipped, ignoreOrder: true, $"{assembly} ships {string.Join(", ", texts.Keys)}");
        var english = texts["en"];
        foreach (var language in Shipped.Skip(1))
        {
            var other = texts[language];
            english.Keys.Except(other.Keys).ShouldBeEmpty($"{assembly}: missing in {language}.json");
            // The names of definitions (permissions, settings, menu entries) are English in code, so en.json lacks them.
            other.Keys.Except(english.Keys).Where(k => !DefinitionKey().IsMatch(k)).ShouldBeEmpty($"{assembly}: in {language}.json but not in en.json");
            foreach (var (key, text) in english)
            {
                Placeholders(other[key]).ShouldBe(Placeholders(text), $"{assembly}: {language}.json '{key}' names other values than English");
                other[key].ShouldNotBeNullOrWhiteSpace($"{assembly}: {language}.json '{key}' is empty");
            }
        }
    }

    [Fact]
    public void EveryProblemCode_AndEveryTitle_HasAText()
    {
        var codes = ModuleAssemblies.All.Append(typeof(TranslationCatalog).Assembly)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Errors", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
            .ToList();
        codes.ShouldNotBeEmpty();
        Missing(codes).ShouldBeEmpty();

        int[] statuses = [400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 431, 500, 503];
        var titles = typeof(ProblemTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .SelectMany(code => statuses.Select(status => ProblemTypes.Title(code, status).Key));
        Missing(titles).ShouldBeEmpty();
    }

    [Fact]
    public void EveryKeyTheSourceNames_HasAText()
    {
        var root = Repository.Root;
        var keys = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.EndsWith("Tests.cs", StringComparison.Ordinal)
                           && !path.StartsWith(PluginTemplate, StringComparison.Ordinal))
            .SelectMany(KeysNamedIn)
            .Distinct()
            .ToList();
        keys.Count.ShouldBeGreaterThan(10, "the scan should find the keys the kernel and modules name");
        Missing(keys).ShouldBeEmpty();

        // The plugin template (dotnet new erp-plugin) ships its own texts: every key its code names is in its en.json.
        var templateTexts = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(PluginTemplate, "src", "Acme.Plugin", "Localization", "en.json")))!;
        Directory.EnumerateFiles(PluginTemplate, "*.cs", SearchOption.AllDirectories).SelectMany(KeysNamedIn).Except(templateTexts.Keys).ShouldBeEmpty();

        // Identity's refusals, worded per rule: one text per overridden describer method.
        var describer = ModuleAssemblies.Named("Erp.Identity").GetType("Erp.Identity.Application.LocalizedIdentityErrors", throwOnError: true)!;
        Missing(describer.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => $"identity.describer.{m.Name}"))
            .ShouldBeEmpty();
    }

    private static string PluginTemplate => Path.Combine(Repository.Root, "sdk", "templates", "erp-plugin");

    private static IEnumerable<string> KeysNamedIn(string path) => KeyInSource().Matches(File.ReadAllText(path)).Select(m => m.Groups["key"].Value);

    private static List<string> Missing(IEnumerable<string> keys) =>
        [.. keys.Where(k => Catalog.Find(k, TranslationCatalog.English) is null).Distinct().Order(StringComparer.Ordinal)];

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"^(permission|setting|setting-group|menu|module)\.")]
    private static partial Regex DefinitionKey();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    // new LocalizableText("key" ...), ErrorMessage = "key", words["module.key", ...] (a localizer's indexer), and any string
    // literal that looks like a key of an Erp module ("identity.page.sign-in.title", handed to a page that translates it)
    [GeneratedRegex("""(LocalizableText\(\s*"(?<key>[a-z][a-z0-9.-]*)"|ErrorMessage\s*=\s*"(?<key>[a-z][a-z0-9.-]*)"|\[\s*"(?<key>[a-z][a-z0-9-]*(\.[a-z0-9-]+)+)"\s*[,\]]|"(?<key>identity\.page\.[a-z0-9.-]+)")""")]
    private static partial Regex KeyInSource();
}
