using Erp.Kernel.Settings;
using MimeKit;

namespace Erp.Emailing.Application;

/// <summary>
/// <c>Emailing:*</c>: what stays configuration. The relay and the sender are settings (<see cref="EmailingSettings"/>),
/// which administrators change at run time and configuration may preset (<c>Settings:Emailing:Smtp:Host</c>).
/// </summary>
public sealed class EmailingOptions
{
    public const string Section = "Emailing";

    /// <summary>Development without a relay: mail is written here. Relative paths are under the content root. Default <c>.data/mail</c>.</summary>
    public string PickupDirectory { get; set; } = Path.Combine(".data", "mail");

    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How the relay's connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Port 587; refuses a relay that does not offer STARTTLS.</summary>
    StartTls,

    /// <summary>Port 465.</summary>
    SslOnConnect,

    /// <summary>A relay on the same machine or network only.</summary>
    None,
}

/// <summary>The relay and sender as the settings give them when a mail is sent; no host means none is configured.</summary>
internal sealed record SmtpRelay(string? Host, int Port, SmtpSecurity Security, string? UserName, string? Password, string From)
{
    public static async Task<SmtpRelay> ReadAsync(ISettingProvider settings, CancellationToken cancellationToken) => new(
        await settings.GetAsync(EmailingSettings.SmtpHost, cancellationToken) is { Length: > 0 } host ? host : null,
        int.Parse(await settings.GetAsync(EmailingSettings.SmtpPort, cancellationToken) ?? "587", System.Globalization.CultureInfo.InvariantCulture),
        Enum.Parse<SmtpSecurity>(await settings.GetAsync(EmailingSettings.SmtpSecurity, cancellationToken) ?? nameof(SmtpSecurity.StartTls)),
        await settings.GetAsync(EmailingSettings.SmtpUserName, cancellationToken),
        await settings.GetAsync(EmailingSettings.SmtpPassword, cancellationToken),
        await settings.GetAsync(EmailingSettings.From, cancellationToken) ?? EmailingModule.DefaultFrom);

    /// <summary>A MIME message of <paramref name="message"/> from <see cref="From"/>: the one shape every sender writes.</summary>
    public MimeMessage ToMime(EmailMessage message, DateTimeOffset date)
    {
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            // Streamed from blob storage while the message is written, never loaded whole.
            body.Attachments.Add(new MimePart(ContentType.Parse(attachment.ContentType))
            {
                Content = new MimeContent(attachment.Content),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            });
        }

        var sender = MailboxAddress.Parse(From);
        var mime = new MimeMessage([sender], [MailboxAddress.Parse(message.To)], message.Subject, body.ToMessageBody()) { Date = date };
        if (message.Id is { } id) mime.MessageId = $"{id:N}@{sender.Domain}";
        return mime;
    }
}
