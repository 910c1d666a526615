using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Erp.Testing;

/// <summary>Reads the mail a host sent, as the SMTP capture server (<see cref="SmtpCapture"/>) received it.</summary>
public static partial class Mailbox
{
    private static readonly HttpClient Api = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// The mails <paramref name="sender"/> (a host's <see cref="ErpHost.MailSender"/>) sent to <paramref name="address"/>,
    /// oldest first, as the shared capture server (or the one at <paramref name="api"/>) holds them.
    /// </summary>
    public static async Task<IReadOnlyList<Mail>> ToAsync(string sender, string address, Uri? api = null)
    {
        var all = await Api.GetFromJsonAsync<JsonElement>(new Uri(api ?? SmtpCapture.Api, "api/email"));
        return [.. all.EnumerateArray()
            .Where(m => Addresses(m, "from").Contains(sender, StringComparer.OrdinalIgnoreCase)
                && Addresses(m, "to").Contains(address, StringComparer.OrdinalIgnoreCase))
            .Select(m => new Mail(m.GetProperty("subject").GetString() ?? "", m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                m.GetProperty("time").GetDateTimeOffset())
            {
                Html = m.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString()! : "",
                MessageId = m.TryGetProperty("headers", out var headers) && headers.TryGetProperty("message-id", out var id) ? id.GetString() : null,
                Attachments = m.TryGetProperty("attachments", out var files) && files.ValueKind == JsonValueKind.Array
                    ? [.. files.EnumerateArray().Select(f => new MailAttachment(f.GetProperty("filename").GetString()!, f.GetProperty("size").GetInt64()))] : [],
            })
            .OrderBy(m => m.Received)];
    }

    /// <summary>
    /// Waits (mail goes out after the change commits, through the outbox) until <paramref name="address"/> has more
    /// than <paramref name="seen"/> mails from <paramref name="sender"/>, and returns the first link of the newest as a
    /// local path and query.
    /// </summary>
    public static async Task<string> NextLinkAsync(string sender, string address, int seen)
    {
        var (mails, elapsed) = await Eventually.ValueAsync(() => ToAsync(sender, address), m => m.Count > seen, TimeSpan.FromSeconds(10));
        if (mails.Count <= seen) throw new InvalidOperationException($"No new mail from {sender} to {address} after {elapsed.TotalSeconds:F0} s.");
        return new Uri(Link().Match(mails[^1].TextBody).Value).PathAndQuery;
    }

    private static IEnumerable<string> Addresses(JsonElement mail, string field) =>
        mail.TryGetProperty(field, out var list) ? list.EnumerateArray().Select(a => a.GetProperty("address").GetString() ?? "") : [];

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}

/// <summary>A captured mail: what the tests read of it.</summary>
public sealed record Mail(string Subject, string TextBody, DateTimeOffset Received)
{
    public string Html { get; init; } = "";
    public string? MessageId { get; init; }
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

public sealed record MailAttachment(string FileName, long Length);
