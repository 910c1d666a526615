using System.Text.RegularExpressions;
using MimeKit;

namespace Erp.Testing;

/// <summary>Reads the mail the host wrote to its pickup folder.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<MimeMessage> Read(string folder) =>
        Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];

    /// <summary>The first link in the newest mail to <paramref name="address"/>, as a local path and query.</summary>
    public static string LatestLink(string folder, string address)
    {
        var message = Read(folder).LastOrDefault(m => m.To.Mailboxes.Any(a => a.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))
            ?? throw new InvalidOperationException($"No mail to {address} in {folder}.");
        var link = new Uri(Link().Match(message.TextBody ?? "").Value);
        return link.PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
