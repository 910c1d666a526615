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

    /// <summary>The mails to <paramref name="address"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> To(string folder, string address) =>
        [.. Read(folder).Where(m => m.To.Mailboxes.Any(a => a.Address.Equals(address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>
    /// Waits (mail goes out after the change commits, through the outbox) until <paramref name="address"/> has more
    /// than <paramref name="seen"/> mails, and returns the first link of the newest as a local path and query.
    /// </summary>
    public static async Task<string> NextLinkAsync(string folder, string address, int seen)
    {
        var (mails, elapsed) = await Eventually.ValueAsync(() => Task.FromResult(To(folder, address)), m => m.Count > seen, TimeSpan.FromSeconds(10));
        if (mails.Count <= seen) throw new InvalidOperationException($"No new mail to {address} in {folder} after {elapsed.TotalSeconds:F0} s.");
        return new Uri(Link().Match(mails[^1].TextBody ?? "").Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
