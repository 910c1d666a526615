using System.Text.RegularExpressions;
using Shouldly;

namespace Erp.Browser.Tests;

/// <summary>What <c>angular/scripts/build.sh</c> adds to Angular's build, in the build the browser tests drive.</summary>
public sealed partial class SpaBuildTests
{
    [Fact]
    public void TheScriptsIndexHtmlLoads_AskToBeCompiledWhileTheyDownload()
    {
        var index = File.ReadAllText(Path.Combine(SpaHost.SpaPath, "index.html"));
        var scripts = ScriptReference().Matches(index).Select(match => match.Groups["file"].Value).ToList();
        scripts.ShouldNotBeEmpty();
        foreach (var script in scripts)
            File.ReadAllText(Path.Combine(SpaHost.SpaPath, script)).ShouldStartWith("//# allFunctionsCalledOnLoad\n", customMessage: script);
    }

    [GeneratedRegex("""
        <(?:script|link)\b[^>]*\b(?:src|href)="(?<file>[^"]+\.js)"
        """)]
    private static partial Regex ScriptReference();
}
