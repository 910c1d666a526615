using NuGet.Versioning;

namespace Erp.Kernel.Plugins;

/// <summary>
/// A version requirement as plugin manifests write it: <c>*</c>, or comparators joined by spaces, all of which
/// must hold, e.g. <c>&gt;=1.0.0 &lt;2.0.0</c>. Versions are SemVer 2.0 (NuGet's parser).
/// </summary>
public sealed class VersionRequirement
{
    private static readonly string[] Operators = [">=", "<=", ">", "<", "="];
    private readonly (string Operator, NuGetVersion Version)[] _comparators;

    private VersionRequirement(string text, (string, NuGetVersion)[] comparators) => (Text, _comparators) = (text, comparators);

    public string Text { get; }

    public static bool TryParse(string? text, out VersionRequirement range)
    {
        range = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "*")
        {
            range = new VersionRequirement(text, []);
            return true;
        }

        var comparators = new List<(string, NuGetVersion)>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var op = Operators.FirstOrDefault(o => part.StartsWith(o, StringComparison.Ordinal)) ?? "=";
            var versionText = part.StartsWith(op, StringComparison.Ordinal) ? part[op.Length..] : part;
            if (!NuGetVersion.TryParseStrict(versionText, out var version)) return false;
            comparators.Add((op, version));
        }

        range = new VersionRequirement(text, [.. comparators]);
        return true;
    }

    public bool Includes(NuGetVersion version) => _comparators.All(c => c.Operator switch
    {
        ">=" => version >= c.Version,
        "<=" => version <= c.Version,
        ">" => version > c.Version,
        "<" => version < c.Version,
        _ => version == c.Version,
    });

    public override string ToString() => Text;
}
